import 'server-only';
/**
 * Session and credential reads go to the primary: a replica a few milliseconds behind would show a
 * revoked session as alive or a new one as missing.
 */
export { primaryDb } from '@/db/client';

/** Postgres unique violations, whether postgres.js raised them directly or drizzle wrapped them. */
export function isUniqueViolation(err: unknown): boolean {
  for (
    let e: unknown = err, depth = 0;
    e && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
