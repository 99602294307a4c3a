import 'server-only';
import { headers as requestHeaders } from 'next/headers';
import { requireAdmin, type SessionUser } from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';

/** Who performs an admin write, as the audit log records it. */
export type AdminActor = { id: string; email: string; ip: string | null };

/** The audit log's view of an admin already checked, with the address of their request. */
export function adminActorOf(user: SessionUser, headers: Pick<Headers, 'get'>): AdminActor {
  return { id: user.id, email: user.email, ip: requestMeta(headers).ip };
}

/**
 * The signed-in admin of a route handler (pass the request) or of a page or server action (call
 * bare): 401 for anonymous callers, 403 for customers.
 */
export async function requireAdminActor(req?: Request): Promise<AdminActor> {
  const user = await requireAdmin(req);
  return adminActorOf(user, req ? req.headers : await requestHeaders());
}
