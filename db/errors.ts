/**
 * What a database failure means for the caller, read from the error alone (no imports: lib/errors
 * uses it to map failures to HTTP answers). Drizzle wraps driver errors in a DrizzleQueryError
 * whose `cause` carries the driver's code; postgres.js puts SQLSTATE codes and its own connection
 * codes (CONNECT_TIMEOUT, CONNECTION_CLOSED…) on `code`, Node its socket codes (ECONNREFUSED…).
 */

/** Thrown without asking the database while it is known to be unreachable (see db/availability). */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message = 'The database cannot be reached.') {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The first code found on the error or its causes (SQLSTATE, postgres.js or Node socket code). */
export function dbErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** 40P01 deadlock_detected, 40001 serialization_failure: the same transaction may well pass again. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code = dbErrorCode(err);
  return code === '40P01' || code === '40001';
}

/** No connection could be opened: the server is down, starting, refusing or out of reach. */
const CANNOT_CONNECT = new Set([
  'DATABASE_UNAVAILABLE',
  'ECONNREFUSED',
  'CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // cannot_connect_now (starting up, shutting down, recovering).
  '57P03',
]);

/** A connection that was open died: a restart, a failover, a network cut, an admin's terminate. */
const CONNECTION_LOST = new Set([
  'ECONNRESET',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  // admin_shutdown, crash_shutdown: the server is going down.
  '57P01',
  '57P02',
]);

export function isCannotConnect(err: unknown): boolean {
  const code = dbErrorCode(err);
  return code !== undefined && CANNOT_CONNECT.has(code);
}

export function isConnectionLost(err: unknown): boolean {
  const code = dbErrorCode(err);
  // Class 08: connection exceptions, as the server or the protocol reports them.
  return code !== undefined && (CONNECTION_LOST.has(code) || code.startsWith('08'));
}

/**
 * Failures that say "try again shortly", not "your request is wrong" nor "our code is wrong": the
 * database out of reach, or too busy to answer in time (statement or lock timeout, too many
 * connections, a deadlock or serialization failure still there after the retries).
 */
export function isTransientDbError(err: unknown): boolean {
  if (isCannotConnect(err) || isConnectionLost(err)) return true;
  const code = dbErrorCode(err);
  return (
    code === '57014' || // query_canceled: statement_timeout
    code === '55P03' || // lock_not_available: lock_timeout
    code === '53300' || // too_many_connections
    code === '40P01' ||
    code === '40001'
  );
}

/** 23505: a unique index refused the row (a slug, an email, a SKU already taken). */
export const isUniqueViolation = (err: unknown): boolean => dbErrorCode(err) === '23505';

/** 23503: a foreign key refused the change (a category still in use). */
export const isForeignKeyViolation = (err: unknown): boolean => dbErrorCode(err) === '23503';
