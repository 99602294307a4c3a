import { json, parseJson, route } from '@/lib/api/handler';
import { RECOVERY_ACCEPTED_MESSAGE, recoverySchema, requestPasswordReset } from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';

/** 202 for every well-formed email: the answer never says whether an account exists. */
export const POST = route({ auth: 'none' }, async ({ req }) => {
  const input = await parseJson(req, recoverySchema);
  await requestPasswordReset(input, requestMeta(req.headers));
  return json({ message: RECOVERY_ACCEPTED_MESSAGE }, { status: 202 });
});
