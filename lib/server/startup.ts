import 'server-only';
import { env, EnvError, type Env } from '@/lib/config/env';
import { log } from '@/lib/log';

/** What an instance needs beyond a well-formed environment; throws an EnvError naming the variable. */
export function checkStartEnvironment(e: Env): void {
  if (!e.AUTH_SECRET)
    throw new EnvError(['AUTH_SECRET'], 'AUTH_SECRET: required (at least 32 characters)');
  if (e.NODE_ENV !== 'production') return;
  // Development seals keys under a fixed, public key; production keys must never be.
  if (!e.KEY_VAULT_KEY) {
    throw new EnvError(
      ['KEY_VAULT_KEY'],
      'KEY_VAULT_KEY: required (32 random bytes in base64: openssl rand -base64 32)',
    );
  }
  // /api/metrics shows traffic, errors and internals: open to anyone only when chosen explicitly.
  if (!e.METRICS_TOKEN && !e.METRICS_PUBLIC) {
    throw new EnvError(
      ['METRICS_TOKEN'],
      'METRICS_TOKEN: required in production to guard /api/metrics (at least 16 characters: openssl rand -hex 24), or set METRICS_PUBLIC=true to serve it to anyone',
    );
  }
}

/**
 * Production without SMTP would tell people a reset link or a receipt is on its way while nothing
 * leaves: refuse, unless running without mail is chosen explicitly (the pages then say so).
 * Kept apart from `checkStartEnvironment` so each rule can be tested on its own.
 */
export function checkMailEnvironment(e: Env): void {
  if (e.NODE_ENV !== 'production' || e.SMTP_URL || e.MAIL_DISABLED) return;
  throw new EnvError(
    ['SMTP_URL'],
    'SMTP_URL: required in production to send password reset links and receipts (smtp://user:password@host:587), or set MAIL_DISABLED=true to run without mail',
  );
}

/**
 * Validates the environment before the first request: a wrong or missing variable stops the
 * process with its name instead of surfacing later as a runtime `undefined`.
 */
function validateEnvironment(): void {
  try {
    checkStartEnvironment(env());
    checkMailEnvironment(env());
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(`[arcade] ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

export async function startInstance(): Promise<void> {
  validateEnvironment();
  log.info({ pid: process.pid }, 'instance starting');
  const { startKv } = await import('@/lib/kv');
  startKv();
  const { installPageStore } = await import('@/lib/cache/pages');
  installPageStore();
  if (env().RUN_WORKER) {
    // Every instance drains the durable queue; SKIP LOCKED keeps them off each other's jobs.
    const { startJobWorker } = await import('@/lib/server/jobs');
    startJobWorker();
  }
}
