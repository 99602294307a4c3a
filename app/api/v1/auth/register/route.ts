import { parseJson, route } from '@/lib/api/handler';
import { registerAccount, registerSchema } from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';
import { signedInResponse } from '../signed-in';

export const POST = route({ auth: 'none' }, async ({ req }) => {
  const input = await parseJson(req, registerSchema);
  return signedInResponse(req, await registerAccount(input, requestMeta(req.headers)), 201);
});
