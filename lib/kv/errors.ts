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
