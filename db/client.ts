import 'server-only';
import { mkdirSync } from 'node:fs';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { withReplicas } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import postgres from 'postgres';
import { env } from '@/lib/config/env';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export { schema };

type Handle = { db: Db; kind: 'postgres' | 'pglite'; close: () => Promise<void> };

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

async function openPostgres(url: string, readUrl: string | undefined, max: number): Promise<Handle> {
  const options = { max, onnotice: () => {}, idle_timeout: 30, connect_timeout: 10 } as const;
  const primaryClient = postgres(url, options);
  const primary = drizzlePostgres(primaryClient, { schema, logger: countingLogger });
  if (!readUrl) {
    return { db: primary, kind: 'postgres', close: () => primaryClient.end({ timeout: 5 }) };
  }
  const replicaClient = postgres(readUrl, options);
  const replica = drizzlePostgres(replicaClient, { schema, logger: countingLogger });
  const db = withReplicas(primary, [replica]) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    close: async () => {
      await Promise.all([primaryClient.end({ timeout: 5 }), replicaClient.end({ timeout: 5 })]);
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
    ? openPostgres(e.DATABASE_URL, e.DATABASE_READ_URL, e.DATABASE_POOL_SIZE)
    : openPglite(e.PGLITE_DIR);
}

/** The one database handle of this process, opened lazily (never at import or build time). */
export async function getDb(): Promise<Db> {
  globalForDb.__arcadeDb ??= open().catch((err: unknown) => {
    globalForDb.__arcadeDb = undefined;
    throw err;
  });
  return (await globalForDb.__arcadeDb).db;
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
