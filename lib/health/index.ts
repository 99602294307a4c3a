import 'server-only';
import { sql } from 'drizzle-orm';
import { dbKind, getDb } from '@/db/client';
import { kvHealth } from '@/lib/kv';
import { log } from '@/lib/log';
import { mailHealth, type MailMode } from '@/lib/mail';

export type ComponentHealth = { ok: boolean; kind: string; latencyMs: number; error?: string };
export type Health = {
  status: 'ok' | 'degraded' | 'down';
  database: ComponentHealth;
  redis: ComponentHealth;
  /** How mail leaves (or does not); for SMTP, whether the newest send failed. Never affects status. */
  mail: { kind: MailMode; lastSendFailed?: boolean };
  uptimeSeconds: number;
  version: string;
};

async function databaseHealth(): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { ok: true, kind: await dbKind(), latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    // The reason goes to the log; the public endpoint must not show hosts or credentials.
    log.error({ err }, 'database health check failed');
    return {
      ok: false,
      kind: 'unknown',
      latencyMs: Math.round(performance.now() - started),
      error: 'unreachable',
    };
  }
}

/**
 * The database is required; Redis is an accelerator, so without it the shop is degraded, not down.
 */
export async function checkHealth(): Promise<Health> {
  const [database, redis] = await Promise.all([databaseHealth(), kvHealth()]);
  const status = !database.ok ? 'down' : redis.ok ? 'ok' : 'degraded';
  if (status !== 'ok') log.warn({ database, redis }, `health ${status}`);
  return {
    status,
    database,
    redis: {
      ok: redis.ok,
      kind: redis.kind,
      latencyMs: redis.latencyMs,
      error: redis.ok ? undefined : 'unreachable',
    },
    mail: mailHealth(),
    uptimeSeconds: Math.round(process.uptime()),
    version: process.env.npm_package_version ?? '0.1.0',
  };
}
