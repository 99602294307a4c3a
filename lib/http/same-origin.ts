import { env } from '@/lib/config/env';
import { ForbiddenError } from '@/lib/errors';

/**
 * For state-changing routes without a JSON body (logout, revoking sessions): a browser always sends
 * Origin on such requests, and it must be ours. SameSite=Lax already keeps the session cookie off
 * cross-site POSTs; this is the second lock on the door.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (!origin) return;
  const allowed = new Set([new URL(env().AUTH_URL).origin]);
  const host = req.headers.get('host');
  if (host) allowed.add(`${new URL(req.url).protocol}//${host}`);
  if (!allowed.has(origin)) throw new ForbiddenError('Cross-origin requests are not accepted.');
}
