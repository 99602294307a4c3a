import 'server-only';
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { withReplicas } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import postgres from 'postgres';
import { env } from '@/lib/config/env';
import { log } from '@/lib/log';
import { guardClient, type GuardedClient } from './availability';
import { withRetry, type RetryOptions } from './retry';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export { schema };

type Handle = {
  db: Db;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
  /** Set when reads go to a replica (DATABASE_READ_URL). */
  replica?: ReplicaRoute;
};

/**
 * What read-your-writes needs of a replica: both ends, and the highest WAL position the replica is
 * known to have replayed. Replay only moves forward, so a position once seen stays true: a
 * write the replica is known to have replayed needs no further query.
 */
type ReplicaRoute = {
  primary: Db;
  replica: Db;
  replayed: bigint;
  checkedAt: number;
  checking: Promise<void> | null;
};

/** Counts statements sent to the database: used by /metrics and by cache tests. */
const counter = { queries: 0 };
const countingLogger: Logger = {
  logQuery() {
    counter.queries++;
  },
};

export function queryCount(): number {
  return counter.queries;
}

const globalForDb = globalThis as unknown as { __arcadeDb?: Promise<Handle> };

type PoolSettings = { max: number; connectTimeoutSeconds: number; statementTimeoutMs: number };

/**
 * postgres.js retries a lost connection after a backoff that grows to 20 s by default: after a
 * restart, queries waited that long for a server that was back. A short, capped one instead.
 */
const reconnectBackoff = (retries: number) =>
  Math.min(0.05 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2);

/**
 * One postgres.js pool behind a guard (db/availability): while the database cannot be reached,
 * requests are answered "unavailable" (503 + Retry-After) within about the connect timeout
 * instead of queueing, and the pool reconnects by itself once a probe gets through.
 */
function openPool(url: string, role: 'primary' | 'replica', settings: PoolSettings) {
  const base = {
    onnotice: () => {},
    connect_timeout: settings.connectTimeoutSeconds,
    backoff: reconnectBackoff,
  } as const;
  const raw = postgres(url, {
    ...base,
    max: settings.max,
    idle_timeout: 30,
    // Server-side bounds: a statement stuck on a lock, or a transaction left open by a crashed
    // request, cannot hold a connection (and the rows it locked) indefinitely.
    connection: {
      statement_timeout: settings.statementTimeoutMs,
      idle_in_transaction_session_timeout: Math.max(settings.statementTimeoutMs * 3, 60_000),
    },
  });
  // Its own single connection: a probe never waits behind the pool's queue.
  const prober = postgres(url, { ...base, max: 1, idle_timeout: 5 });
  const guard: GuardedClient = guardClient(raw, {
    startTimeoutMs: settings.connectTimeoutSeconds * 1000 + 2000,
    probeIntervalMs: 500,
    probeTimeoutMs: settings.connectTimeoutSeconds * 1000 + 1000,
    probe: () => prober`select 1`,
    onChange: (state, err) => {
      if (state === 'down')
        log.error({ err, role }, 'database unreachable: answering 503 until it is back');
      else log.info({ role }, 'database reachable again');
    },
  });
  return {
    client: guard.client,
    close: async () => {
      guard.stop();
      await Promise.all([raw.end({ timeout: 5 }), prober.end({ timeout: 1 })]);
    },
  };
}

async function openPostgres(
  url: string,
  readUrl: string | undefined,
  settings: PoolSettings,
): Promise<Handle> {
  const primaryPool = openPool(url, 'primary', settings);
  const primary = drizzlePostgres(primaryPool.client, { schema, logger: countingLogger });
  if (!readUrl) {
    return { db: primary, kind: 'postgres', close: primaryPool.close };
  }
  const replicaPool = openPool(readUrl, 'replica', settings);
  const replica = drizzlePostgres(replicaPool.client, { schema, logger: countingLogger });
  const db = withReplicas(primary, [replica]) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    replica: { primary, replica, replayed: 0n, checkedAt: 0, checking: null },
    close: async () => {
      await Promise.all([primaryPool.close(), replicaPool.close()]);
    },
  };
}

async function openPglite(dir: string): Promise<Handle> {
  // Loaded on demand: production deployments with DATABASE_URL never pay for the WASM build.
  const [{ PGlite }, { pg_trgm }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('drizzle-orm/pglite'),
  ]);
  mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir, { extensions: { pg_trgm } });
  const db = drizzle(client, { schema, logger: countingLogger }) as unknown as Db;
  return { db, kind: 'pglite', close: () => client.close() };
}

function open(): Promise<Handle> {
  const e = env();
  return e.DATABASE_URL
    ? openPostgres(e.DATABASE_URL, e.DATABASE_READ_URL, {
        max: e.DATABASE_POOL_SIZE,
        connectTimeoutSeconds: e.DATABASE_CONNECT_TIMEOUT_SECONDS,
        statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      })
    : openPglite(e.PGLITE_DIR);
}

function handle(): Promise<Handle> {
  globalForDb.__arcadeDb ??= open().catch((err: unknown) => {
    globalForDb.__arcadeDb = undefined;
    throw err;
  });
  return globalForDb.__arcadeDb;
}

/**
 * The one database handle of this process, opened lazily (never at import or build time). With
 * DATABASE_READ_URL its reads go to the replica, which may be a moment behind: reads that must
 * see a write just made (the writer's own pages) go through `readDbAfter` (lib/db/read-your-writes).
 */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

/** True when reads go to a replica (DATABASE_READ_URL): only then is read-your-writes any work. */
export async function readsFromReplica(): Promise<boolean> {
  return Boolean((await handle()).replica);
}

/** A WAL position as PostgreSQL prints it (`16/B374D848`) as a number, for comparing. */
export function parseLsn(lsn: string): bigint {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(lsn.trim());
  if (!m) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}

/**
 * Where the primary's WAL stands, asked right after a write committed: a replica that has replayed
 * up to here has replayed that write. The flush position is the right one: a (synchronous) commit
 * returns only once its commit record is flushed, so the position is at or past it, and it is
 * the furthest the primary has sent to replicas. Null without a replica (nothing to compare).
 */
export async function writePosition(): Promise<string | null> {
  const route = (await handle()).replica;
  if (!route) return null;
  const [row] = rowsOf<{ lsn: string | null }>(
    await route.primary.execute(sql`select pg_current_wal_flush_lsn()::text as lsn`),
  );
  return row?.lsn ?? null;
}

/** How long a replay position read from the replica is trusted before asking again. */
const REPLAY_RECHECK_MS = 10;

/** Reads the replica's replay position, once at a time however many requests wait for it. */
async function refreshReplay(route: ReplicaRoute): Promise<void> {
  route.checking ??= (async () => {
    try {
      const [row] = rowsOf<{ standby: boolean; lsn: string | null }>(
        await route.replica.execute(
          sql`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn`,
        ),
      );
      // A "replica" that is not in recovery is a primary (promoted, or the same server): it has
      // every commit there is.
      if (row && !row.standby) route.replayed = 2n ** 64n;
      else if (row?.lsn) {
        const lsn = parseLsn(row.lsn);
        if (lsn > route.replayed) route.replayed = lsn;
      }
    } catch (err) {
      // An unreachable replica has replayed nothing we can rely on: the reads go to the primary.
      log.warn({ err }, "could not read the replica's replay position; reading from the primary");
    } finally {
      route.checkedAt = Date.now();
      route.checking = null;
    }
  })();
  await route.checking;
}

/**
 * True when the replica has replayed the WAL up to `lsn` (so everything committed before it is
 * visible there); false while it lags behind or cannot be asked. Always true without a replica.
 */
export async function replicaHasReplayed(lsn: string): Promise<boolean> {
  const route = (await handle()).replica;
  if (!route) return true;
  const target = parseLsn(lsn);
  if (route.replayed >= target) return true;
  if (route.checking || Date.now() - route.checkedAt >= REPLAY_RECHECK_MS)
    await refreshReplay(route);
  return route.replayed >= target;
}

/**
 * The database for reads that must see every write committed up to `lsn` (a WAL position taken by
 * `writePosition` after the write): the usual one (reads on the replica) once the replica has
 * replayed it, else the primary. `lsn` null: no such write, the usual one.
 */
export async function readDbAfter(lsn: string | null | undefined): Promise<Db> {
  if (!lsn) return getDb();
  return (await replicaHasReplayed(lsn)) ? getDb() : primaryDb();
}

export async function dbKind(): Promise<Handle['kind']> {
  await getDb();
  return (await globalForDb.__arcadeDb!).kind;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.__arcadeDb;
  globalForDb.__arcadeDb = undefined;
  if (handle) await (await handle).close();
}

/** Rows of a raw `execute`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * The primary when reads go to a replica: for reads that must see the latest commit (sessions,
 * credentials, the stock a counter is rebuilt from).
 */
export async function primaryDb(): Promise<Db> {
  const db = await getDb();
  return (db as Db & { $primary?: Db }).$primary ?? db;
}

/**
 * A transaction on the primary, run again (up to 3 tries, jittered) when PostgreSQL aborts it as a
 * deadlock victim or on a serialization failure. Every lock taken inside must follow the order
 * in db/locks.ts; the retry is the safety net, not the plan. `work` may run more than once: keep
 * effects outside the database (Redis, mail, providers) before or after this call.
 */
export async function transaction<T>(
  work: (tx: Tx) => Promise<T>,
  options?: RetryOptions,
): Promise<T> {
  const db = await getDb();
  return withRetry(() => db.transaction(work), {
    onRetry: (err, attempt) =>
      log.warn({ err, attempt }, 'transaction retried after a deadlock or serialization failure'),
    ...options,
  });
}
