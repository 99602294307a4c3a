import { expect } from 'vitest';
import { POST as register } from '@/app/api/v1/auth/register/route';
import { apiRequest, bodyOf, ctx, sessionCookieOf, uniqueEmail } from './support';

export const PASSWORD = 'correct horse battery';

/** A fresh account, registered through the API and signed in (its cookie as "name=value"). */
export async function signUp(tag = 'user', name = 'Sam') {
  const email = uniqueEmail(tag);
  const res = await register(
    apiRequest('/api/v1/auth/register', { body: { email, password: PASSWORD, name } }),
    ctx(),
  );
  expect(res.status).toBe(201);
  const { user } = (await bodyOf(res)) as { user: { id: string } };
  return { email, userId: user.id, cookie: sessionCookieOf(res) };
}
