import 'server-only';
import { env, EnvError } from '@/lib/config/env';
import { log } from '@/lib/log';

/**
 * Validates the environment before the first request: a wrong or missing variable stops the
 * process with its name instead of surfacing later as a runtime `undefined`.
 */
function validateEnvironment(): void {
  try {
    const e = env();
    if (!e.AUTH_SECRET) throw new EnvError(['AUTH_SECRET'], 'AUTH_SECRET: required (at least 32 characters)');
    // Development seals keys under a fixed, public key; production keys must never be.
    if (e.NODE_ENV === 'production' && !e.KEY_VAULT_KEY) {
      throw new EnvError(['KEY_VAULT_KEY'], 'KEY_VAULT_KEY: required (32 random bytes in base64: openssl rand -base64 32)');
    }
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
    const { startWorker } = await import('@/lib/jobs');
    startWorker();
  }
}
