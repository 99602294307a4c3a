import 'server-only';
/**
 * Session and credential reads go to the primary: a replica a few milliseconds behind would show a
 * revoked session as alive or a new one as missing.
 */
export { primaryDb } from '@/db/client';

export { isUniqueViolation } from '@/db/errors';
