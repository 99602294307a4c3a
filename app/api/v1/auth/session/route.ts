import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE, publicUser } from '@/lib/auth';

/**
 * Who is signed in, for the page header's client code: always 200, with `{ user: null }` for
 * anonymous visitors and dead sessions, so that every anonymous page view does not log a failed
 * request in the browser console. API clients that need a session keep /me, which answers 401.
 */
export const GET = route({ auth: 'optional' }, async ({ user }) => {
  return json({ user: user ? publicUser(user) : null }, { headers: PRIVATE_NO_STORE });
});
