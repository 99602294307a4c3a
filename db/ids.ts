const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids come from URLs and bodies; PostgreSQL answers a malformed uuid with an error (a 500), so
 * anything that is not one is treated as the missing row it is, before any query.
 */
export const isUuid = (id: unknown): id is string => typeof id === 'string' && UUID.test(id);
