import 'server-only';
import pino from 'pino';

type ErrorLike = {
  params?: unknown;
  parameters?: unknown;
  args?: unknown;
  cause?: unknown;
  errors?: unknown;
};

/** The bound values of every failed query along an error's cause chain, as they print. */
function boundValues(err: unknown, found: string[] = [], depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 8) return found;
  const e = err as ErrorLike;
  for (const values of [e.params, e.parameters, e.args]) {
    if (Array.isArray(values) && values.length) found.push(String(values));
  }
  boundValues(e.cause, found, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) boundValues(inner, found, depth + 1);
  return found;
}

function scrub(text: unknown, values: string[]): unknown {
  if (typeof text !== 'string') return text;
  return values.reduce((t, v) => (v ? t.split(v).join('[redacted]') : t), text);
}

/**
 * Drizzle puts a failed query's bound values into the error, as `params` and inside its message
 * and stack: password hashes, reset token hashes, session ids and emails would land in the logs of
 * any unexpected database error. The query text stays; the values go.
 */
export function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (!out || typeof out !== 'object' || out === err) return out;
  const values = boundValues(err);
  const record = out as Record<string, unknown>;
  // postgres.js keeps `parameters` and `args` too (enumerable only with its debug option).
  delete record.params;
  delete record.parameters;
  delete record.args;
  if (values.length) {
    record.message = scrub(record.message, values);
    record.stack = scrub(record.stack, values);
  }
  if (Array.isArray(record.aggregateErrors)) {
    record.aggregateErrors = (err as { errors: unknown[] }).errors.map(serializeError);
  }
  return out;
}

export const logOptions: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'arcade' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization'],
  serializers: { err: serializeError },
};

/** Structured JSON logs; one line per event, with a request id where there is one. */
export const log = pino(logOptions);
