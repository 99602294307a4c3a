/**
 * Starts the production build against a freshly created, migrated and seeded PostgreSQL
 * database: what end-to-end tests and benchmarks run against. Stops the server (and drops the
 * database unless KEEP_DB is set) on SIGINT/SIGTERM. `--join` starts one more instance on a
 * database another `serve` prepared (waiting for it to be seeded) and leaves that database alone.
 *   tsx scripts/serve.ts --port 3100 --db arcade_e2e
 *   tsx scripts/serve.ts --port 3101 --db arcade_e2e --join
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import postgres from 'postgres';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3100' },
    db: { type: 'string', default: 'arcade_e2e' },
    'flush-redis': { type: 'string' },
    join: { type: 'boolean', default: false },
    'admin-url': {
      type: 'string',
      default: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});

async function main() {
  const name = values.db!;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('--db must be [a-z0-9_]+');
  const admin = postgres(values['admin-url']!, { max: 1, onnotice: () => {} });
  const url = new URL(values['admin-url']!);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  if (values.join) {
    await waitForSeededDatabase(url.toString());
    return startServer(url, admin, false);
  }
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);

  if (values['flush-redis']) {
    // A fresh run starts with an empty cache, rate limits and sessions, like its fresh database.
    const redis = new Redis(values['flush-redis'], { maxRetriesPerRequest: 1 });
    await redis.flushdb();
    await redis.quit();
  }

  const { migrate } = await import('../db/migrate');
  const { seed } = await import('../db/seed');
  const { closeDb, getDb } = await import('../db/client');
  await migrate();
  await seed(await getDb());
  await closeDb();
  startServer(url, admin, true);
}

function startServer(url: URL, admin: postgres.Sql, ownsDatabase: boolean): void {
  const name = values.db!;
  // What `npm start` runs (node itself, not npm), so a signal to this process's child reaches the server.
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: values.port!, HOST: '127.0.0.1' },
  });
  const stop = async (signal: NodeJS.Signals) => {
    server.kill(signal);
    await new Promise((r) => server.once('exit', r));
    if (ownsDatabase && !process.env.KEEP_DB)
      await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  server.on('exit', (code) => {
    if (code !== null && code !== 0) process.exit(code);
  });
}

/** Another `serve` is creating the database: wait until its catalog is seeded (2 minutes at most). */
async function waitForSeededDatabase(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      const [row] =
        await client`select count(*)::int as n from users where email = 'shopper@arcade.test'`;
      if ((row?.n ?? 0) > 0) return;
    } catch {
      // not created or not migrated yet
    } finally {
      await client.end({ timeout: 1 });
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`database ${values.db} was not seeded in time`);
}

main().catch((err: unknown) => {
  console.error('serve failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
