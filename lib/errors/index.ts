import { isTransientDbError } from '@/db/errors';

export type FieldErrors = Record<string, string[]>;

export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/** Errors that lib/<domain> throws on purpose; anything else is a bug and maps to 500. */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly status: number,
    message: string,
    public readonly fields?: FieldErrors,
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message = 'Some fields are invalid.', fields?: FieldErrors) {
    super('validation', 400, message, fields);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Please sign in.') {
    super('unauthenticated', 401, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do that.') {
    super('forbidden', 403, message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', 404, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, fields?: FieldErrors) {
    super('conflict', 409, message, fields);
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message = 'Too many attempts. Try again later.') {
    super('rate_limited', 429, message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
  }
}

export class UnavailableError extends DomainError {
  constructor(message = 'The service is busy. Try again shortly.', retryAfterSeconds = 1) {
    super('unavailable', 503, message, undefined, retryAfterSeconds);
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: FieldErrors } };

/** The one mapping from any thrown value to a status and a safe body (no stack traces). */
export function describeError(err: unknown): {
  status: number;
  body: ErrorBody;
  retryAfter?: number;
} {
  if (err instanceof DomainError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.fields) body.error.fields = err.fields;
    return { status: err.status, body, retryAfter: err.retryAfterSeconds };
  }
  // The database out of reach or too busy (after the retries): a 503 the client may retry, not
  // a bug. Retry-After: the guard in db/availability probes every half second.
  if (isTransientDbError(err)) {
    return {
      status: 503,
      body: {
        error: {
          code: 'unavailable',
          message: 'The shop is having trouble reaching its data. Try again in a few seconds.',
        },
      },
      retryAfter: 2,
    };
  }
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'Something went wrong on our side.' } },
  };
}
