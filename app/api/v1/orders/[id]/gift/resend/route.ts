import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, requireUser } from '@/lib/auth';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { resendGift } from '@/lib/library';

/** Mails the friend a new claim link (the old one stops working); 409 once claimed. */
export const POST = route<{ id: string }>(async ({ req, params }) => {
  assertSameOrigin(req);
  const user = await requireUser(req);
  await resendGift(user.id, params.id);
  return json({ sent: true }, { status: 202, headers: PRIVATE_NO_STORE });
});
