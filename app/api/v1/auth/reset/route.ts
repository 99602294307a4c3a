import { noContent, parseJson, route } from '@/lib/api/handler';
import { resetPassword, resetSchema } from '@/lib/auth';

export const POST = route({ auth: 'none' }, async ({ req }) => {
  const input = await parseJson(req, resetSchema);
  await resetPassword(input);
  return noContent();
});
