import 'server-only';
import { headers as requestHeaders } from 'next/headers';
import { adminActorOf, type AdminActor } from '@/lib/admin/actor';
import { currentUser, requireAdmin, requireUser, type SessionUser } from '@/lib/auth';

/**
 * Who may call a route or server action, declared in its wrapper so a new one cannot forget the
 * check: `none` (anyone; the handler may have its own proof, a signature or a bearer token),
 * `optional` (anyone, and the signed-in user is handed over when there is one), `user`, `admin`.
 */
export type Access = 'none' | 'optional' | 'user' | 'admin';

/** What the wrapper hands to the handler once the caller is let in. */
export type Principal<A extends Access> = A extends 'admin'
  ? { user: SessionUser; actor: AdminActor }
  : A extends 'user'
    ? { user: SessionUser }
    : A extends 'optional'
      ? { user: SessionUser | null }
      : Record<never, never>;

/**
 * Resolves the caller before any input is read: 401 for anonymous callers of `user` and `admin`,
 * 403 for customers of `admin`. Route handlers pass their request; server actions call it bare.
 */
export async function resolvePrincipal<A extends Access>(
  access: A,
  req?: Request,
): Promise<Principal<A>> {
  switch (access) {
    case 'admin': {
      const user = await requireAdmin(req);
      const actor = adminActorOf(user, req ? req.headers : await requestHeaders());
      return { user, actor } as Principal<A>;
    }
    case 'user':
      return { user: await requireUser(req) } as Principal<A>;
    case 'optional':
      return { user: await currentUser(req) } as Principal<A>;
    default:
      return {} as Principal<A>;
  }
}
