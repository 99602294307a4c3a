import 'server-only';
import pino from 'pino';

/** Structured JSON logs; one line per event, with a request id where there is one. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'arcade' },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: ['password', '*.password', 'token', '*.token', 'authorization', '*.authorization'],
});
