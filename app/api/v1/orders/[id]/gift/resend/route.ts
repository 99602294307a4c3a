import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { resendGift } from '@/lib/library';

/** Mails the friend a new claim link (the old one stops working); 409 once claimed. */
export const POST = route<{ id: string }>({ auth: 'user' }, async ({ params, user }) => {
  await resendGift(user.id, params.id);
  return json({ sent: true }, { status: 202, headers: PRIVATE_NO_STORE });
});
