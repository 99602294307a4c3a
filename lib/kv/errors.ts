/** Redis could not be reached or did not answer in time: callers fall back to Postgres. */
export class KvUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KvUnavailableError';
  }
}

/** Redis answered with an error (wrong type, not an integer…): a bug in the caller, not an outage. */
export class KvCommandError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KvCommandError';
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
