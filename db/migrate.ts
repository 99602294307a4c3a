import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { closeDb, dbKind, getDb } from './client';

const migrationsFolder = new URL('../drizzle', import.meta.url).pathname;

/** Applies drizzle/ to whichever database the environment points at. */
export async function migrate(): Promise<void> {
  const db = await getDb();
  if ((await dbKind()) === 'pglite') {
    await migratePglite(db as unknown as PgliteDatabase<Record<string, never>>, {
      migrationsFolder,
    });
  } else {
    await migratePostgres(db, { migrationsFolder });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The app's statement timeout is for requests; building an index on a large table may take longer.
  process.env.DATABASE_STATEMENT_TIMEOUT_MS ??= '0';
  migrate()
    .then(async () => {
      console.log('migrations applied');
      await closeDb();
    })
    .catch(async (err: unknown) => {
      console.error('migration failed:', err instanceof Error ? err.message : err);
      await closeDb().catch(() => {});
      process.exit(1);
    });
}
