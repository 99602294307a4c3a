/*
 * The store lives on globalThis (one client per process), but Next bundles this module more than
 * once (instrumentation and each route graph get their own copy): an error made by the copy that
 * created the store must still be recognised by another copy's `withKv`. So these classes answer
 * `instanceof` by a process-wide brand, not by their own identity.
 */
const UNAVAILABLE = Symbol.for('arcade.kv.unavailable');
const COMMAND = Symbol.for('arcade.kv.command');

const branded = (value: unknown, brand: symbol) =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;

/** Redis could not be reached or did not answer in time: callers fall back to Postgres. */
export class KvUnavailableError extends Error {
  readonly [UNAVAILABLE] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KvUnavailableError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, UNAVAILABLE);
  }
}

/** Redis answered with an error (wrong type, not an integer…): a bug in the caller, not an outage. */
export class KvCommandError extends Error {
  readonly [COMMAND] = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KvCommandError';
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, COMMAND);
  }
}

// Codes Redis answers with while it cannot serve (starting, replica, overloaded): an outage.
const UNAVAILABLE_CODES = new Set([
  'LOADING',
  'BUSY',
  'MASTERDOWN',
  'READONLY',
  'TRYAGAIN',
  'CLUSTERDOWN',
]);

/**
 * Turns what a Redis client threw into one of the two Kv errors. `replyOf` returns the text of a
 * Redis error reply, or null when the client failed without one (refused, timed out, closed):
 * a reply is the caller's problem unless its code says Redis cannot serve; anything else is an
 * outage, so `withKv`'s breaker sees every adapter fail the same way.
 */
export function toKvError(err: unknown, replyOf: (err: unknown) => string | null): Error {
  if (err instanceof KvUnavailableError || err instanceof KvCommandError) return err;
  const reply = replyOf(err);
  const code = reply === null ? undefined : /^([A-Z][A-Z_-]+) /.exec(reply)?.[1];
  if (reply !== null && code && !UNAVAILABLE_CODES.has(code)) {
    return new KvCommandError(reply, { cause: err });
  }
  const message = reply ?? (err instanceof Error ? err.message : String(err));
  return new KvUnavailableError(`Redis is unavailable: ${message}`, { cause: err });
}

/** Awaits a client call and rethrows its failure as a Kv error. */
export async function guarded<T>(
  operation: Promise<T>,
  replyOf: (err: unknown) => string | null,
): Promise<T> {
  try {
    return await operation;
  } catch (err) {
    throw toKvError(err, replyOf);
  }
}
