import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { closeDb, dbKind, getDb, type DbOrTx } from '@/db/client';
import { products } from '@/db/schema';
import { env } from '@/lib/config/env';
import { prepareAccounts, upsertAccounts } from './accounts';
import { upsertCategories, upsertCovers, upsertProducts } from './catalog';
import { attachDemoBuilds, upsertEditions, upsertKeys } from './vault';
import { buildCatalog } from './games';
import type { UpsertCount } from './upsert';

export { ACCOUNTS } from './accounts';
export { buildCatalog, FEATURED_COUNT, GAME_COUNT, PLATFORMS, type GameSeed } from './games';
export { GENRES } from './genres';
export type { UpsertCount } from './upsert';

export type SeedOptions = {
  /** bcrypt cost for the demo accounts; defaults to BCRYPT_COST. Tests use 4 for speed. */
  bcryptCost?: number;
};

export type SeedResult = {
  categories: UpsertCount;
  products: UpsertCount;
  productImages: UpsertCount;
  editions: UpsertCount;
  licenseKeys: UpsertCount;
  builds: UpsertCount;
  users: UpsertCount;
};

/**
 * Creates the demo shop, or brings it back to its seeded state: safe to run any number of times,
 * and every run produces the same catalog.
 */
export async function seed(db: DbOrTx, options: SeedOptions = {}): Promise<SeedResult> {
  const games = buildCatalog();
  const accounts = await prepareAccounts(db, options.bcryptCost ?? env().BCRYPT_COST);
  return db.transaction(async (tx) => {
    // Two seeds started at once (several instances booting) would otherwise both add covers.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('arcade:seed'))`);
    const categories = await upsertCategories(tx);
    const products = await upsertProducts(tx, games, categories.idBySlug);
    const productImages = await upsertCovers(tx, games, products.idBySlug);
    const editions = await upsertEditions(tx, games, products.idBySlug);
    const licenseKeys = await upsertKeys(tx, editions.keyEditions);
    const builds = await attachDemoBuilds(tx, editions.downloads);
    const users = await upsertAccounts(tx, accounts);
    return {
      categories: categories.count,
      products: products.count,
      productImages,
      editions: editions.count,
      licenseKeys,
      builds,
      users,
    };
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const db = await getDb();
  const kind = await dbKind();
  // `--if-empty` (used by `npm run dev` and Docker) leaves a shop that already has products alone,
  // so restarting never resets what an admin changed.
  if (process.argv.includes('--if-empty')) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(products);
    if ((row?.n ?? 0) > 0) {
      console.log(`catalog has ${row!.n} products: not seeding`);
      return;
    }
  }
  const result = await seed(db);
  for (const [table, { total, created, updated }] of Object.entries(result)) {
    console.log(
      `${table.padEnd(14)} ${String(total).padStart(4)}  (${created} new, ${updated} updated)`,
    );
  }
  console.log(
    `seeded ${kind === 'pglite' ? `PGlite at ${env().PGLITE_DIR}` : 'PostgreSQL'} in ${Math.round(performance.now() - started)} ms`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main()
    .then(() => closeDb())
    .catch(async (err: unknown) => {
      // drizzle wraps driver errors: the cause says what actually went wrong.
      const cause =
        err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : '';
      console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}${cause}`);
      await closeDb().catch(() => {});
      process.exitCode = 1;
    });
}
