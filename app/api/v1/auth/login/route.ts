import { parseJson, route } from '@/lib/api/handler';
import { loginSchema, signInWithPassword } from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';
import { signedInResponse } from '../signed-in';

export const POST = route({ auth: 'none' }, async ({ req }) => {
  const input = await parseJson(req, loginSchema);
  return signedInResponse(req, await signInWithPassword(input, requestMeta(req.headers)));
});
