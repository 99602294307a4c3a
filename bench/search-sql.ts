/**
 * Unique (uncached) catalog searches, the SQL alone: before and after the search rework.
 *
 * Sends ~2,000 distinct, realistic search strings (title words, whole titles, misspellings,
 * half-typed words, genre and description words, nonsense) to PostgreSQL through postgres.js the
 * way `/search?q=…` does on a cache miss (queryProducts: sort relevance, page 1, 24 a page, plus
 * the count query when the page comes back empty), 16 at a time, and prints searches/s, p50, p95
 * and p99. Statements go out unprepared, as drizzle sends them, so every search is planned.
 *   before  the SQL queryProducts sent before the rework (frozen below), on a database migrated
 *           only up to 0001_schema: the indexes and statistics as they were;
 *   after   the SQL queryProducts sends now (read from drizzle's log at start), on a database with
 *           every migration;
 *   --app   adds "after, via queryProducts": the real function, drizzle and zod included.
 * Both scratch databases are created, seeded (db/seed) and VACUUM ANALYZEd, then dropped. The
 * variants run alternately, round after round, so the machine's noise hits all alike; first, each
 * search is checked to find the same games, in the same order, with the same total, in every one.
 *
 *   npx tsx --conditions=react-server bench/search-sql.ts [options]
 *     --queries 2000  --concurrency 16  --rounds 4  --app
 *     --no-vacuum     ANALYZE only: GIN pending lists stay as the seed left them (as after writes)
 *     --keep          leave the scratch databases (arcade_search_bench_before / _after)
 *     --explain       print EXPLAIN (ANALYZE, BUFFERS) of both variants for the words that
 *                     follow (e.g. --explain drgon "sunken dragon"), then stop
 *   PG_ADMIN_URL  server for the scratch databases (default postgres://postgres@127.0.0.1:5432/postgres)
 *   DATABASE_URL  run the variants on this one migrated, seeded database instead (nothing created):
 *                 isolates the SQL from the schema change
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import * as schema from '@/db/schema';
import { seed } from '@/db/seed';
import { queryProducts } from '@/lib/catalog/repository';
import { productQuerySchema } from '@/lib/catalog/query';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queries: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '4' },
    'no-vacuum': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    app: { type: 'boolean', default: false },
  },
});
const QUERIES = Number(opts.queries);
const CONCURRENCY = Number(opts.concurrency);
const ROUNDS = Number(opts.rounds);
const ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MIGRATIONS = new URL('../drizzle', import.meta.url).pathname;
const LEGACY_MIGRATIONS = ['0000_extensions', '0001_schema'];

// ---------------------------------------------------------------------------------------------
// The SQL queryProducts sent for a search before the rework, as drizzle logged it.
const cover = (column: string) => `(
    select "${column}" from "product_images"
    where "product_id" = "products"."id"
    order by "position" asc limit 1
  )`;
const legacyWhere = `("products"."archived_at" is null and ("products"."search" @@ websearch_to_tsquery('english', $1) or lower("products"."title") like $2 or lower("products"."title") %> $3 or lower("products"."title") % $4))`;
const LEGACY_PAGE = `select "id", "slug", "title", "price_cents", "currency", "rating", "rating_count", "platforms", "genres", ${cover('url')}, ${cover('alt')}, count(*) over () from "products" where ${legacyWhere} order by case when lower("products"."title") = $5 then 0 when lower("products"."title") like $6 then 1 else 2 end asc, ts_rank_cd("products"."search", websearch_to_tsquery('english', $7), 32) + similarity(lower("products"."title"), $8) desc, word_similarity($9, lower("products"."title")) desc, "products"."rating" desc, "products"."rating_count" desc, "products"."title" asc, "products"."id" asc limit $10`;
const LEGACY_COUNT = `select count(*) from "products" where ${legacyWhere}`;

const lower = (q: string) => q.trim().toLowerCase();
const likePrefix = (q: string) => `${lower(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A search's two statements: the page, and the count sent when the page comes back empty. */
type Statement = { text: string; params: (q: string) => unknown[] };
type SearchSql = { page: Statement; count: Statement };

const LEGACY: SearchSql = {
  page: {
    text: LEGACY_PAGE,
    params: (q) => [
      q,
      likePrefix(q),
      lower(q),
      lower(q),
      lower(q),
      likePrefix(q),
      q,
      lower(q),
      lower(q),
      24,
    ],
  },
  count: { text: LEGACY_COUNT, params: (q) => [q, likePrefix(q), lower(q), lower(q)] },
};

/** Installs a drizzle handle on `sql` as the one db/client's getDb() hands to queryProducts. */
function installDb(sql: postgres.Sql, logQuery?: (text: string, params: unknown[]) => void): void {
  const db = drizzle(sql, { schema, logger: logQuery ? { logQuery } : false });
  (globalThis as { __arcadeDb?: unknown }).__arcadeDb = Promise.resolve({
    db,
    kind: 'postgres',
    close: async () => {},
  });
}

/**
 * The SQL queryProducts sends today, read from drizzle's log of a search that finds nothing (so
 * both statements are sent); the probe's words in the parameters stand for the searched words.
 */
async function currentSql(sql: postgres.Sql): Promise<SearchSql> {
  const probe = 'Zqxw Vvkkj';
  const logged: { text: string; params: unknown[] }[] = [];
  installDb(sql, (text, params) => logged.push({ text, params }));
  await queryProducts(productQuerySchema.parse({ q: probe, sort: 'relevance' }));
  installDb(sql);
  if (logged.length !== 2)
    throw new Error(`expected a page and a count query, got ${logged.length}`);
  const template = ({ text, params }: { text: string; params: unknown[] }): Statement => ({
    text,
    params: (q) => {
      const words = new Map<unknown, string>([
        [probe, q],
        [lower(probe), lower(q)],
        [likePrefix(probe), likePrefix(q)],
      ]);
      return params.map((p) => words.get(p) ?? p);
    },
  });
  return { page: template(logged[0]!), count: template(logged[1]!) };
}

type Result = { slugs: string[]; total: number };
type Variant = { name: string; search: (q: string) => Promise<Result> };

/** Sends the statements as drizzle does: unprepared (unnamed), so each search is planned afresh. */
function rawVariant(name: string, sql: postgres.Sql, statements: SearchSql): Variant {
  return {
    name,
    async search(q) {
      const rows = await sql.unsafe(statements.page.text, statements.page.params(q) as never[], {
        prepare: false,
      });
      let total = rows[0]?.count;
      if (total === undefined) {
        const counted = await sql.unsafe(
          statements.count.text,
          statements.count.params(q) as never[],
          { prepare: false },
        );
        total = counted[0]!.count;
      }
      return { slugs: rows.map((row) => row.slug as string), total: Number(total) };
    },
  };
}

/** The app's own function (on the handle installDb installed): the SQL plus drizzle's building and mapping. */
function appVariant(): Variant {
  return {
    name: 'after, via queryProducts',
    async search(q) {
      const page = await queryProducts(productQuerySchema.parse({ q, sort: 'relevance' }));
      return { slugs: page.items.map((item) => item.slug), total: page.total };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Search strings: built from the seeded catalog with a seeded PRNG, so every run asks the same.
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)]! };
}

async function searchStrings(sql: postgres.Sql, n: number): Promise<string[]> {
  const rows = await sql<{ title: string; description: string; genres: string[] }[]>`
    select title, description, genres from products where archived_at is null order by slug`;
  const r = prng(42);
  const words = (s: string) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  const titles = rows.map((row) => words(row.title)).filter((w) => w.length > 0);
  const described = [...new Set(rows.flatMap((row) => words(row.description)))].filter(
    (w) => w.length >= 4,
  );
  const genres = [...new Set(rows.flatMap((row) => row.genres.map((g) => g.toLowerCase())))];
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  const typo = (w: string) => {
    if (w.length < 4) return w;
    const i = 1 + r.int(w.length - 2);
    const kind = r.int(3);
    if (kind === 0) return w.slice(0, i) + w.slice(i + 1); // "drgon"
    if (kind === 1) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // "dargon"
    return w.slice(0, i) + r.pick(letters) + w.slice(i + 1); // "drxgon"
  };
  const run = (t: string[]) => {
    const len = 1 + r.int(Math.min(3, t.length));
    const start = r.int(t.length - len + 1);
    return t.slice(start, start + len);
  };
  const nonsense = () => Array.from({ length: 4 + r.int(5) }, () => r.pick(letters)).join('');
  const kinds: [weight: number, make: () => string][] = [
    [25, () => run(r.pick(titles)).join(' ')], // 1-3 title words: "sunken dragon"
    [10, () => r.pick(titles).join(' ')], // a whole title
    [
      15,
      () => {
        const w = run(r.pick(titles));
        const i = r.int(w.length);
        w[i] = typo(w[i]!);
        return w.join(' ');
      },
    ],
    [
      10,
      () => {
        // still typing: "starlit cov"
        const t = r.pick(titles);
        const k = r.int(t.length);
        return [...t.slice(0, k), t[k]!.slice(0, Math.max(2, r.int(t[k]!.length)))].join(' ');
      },
    ],
    [10, () => (r.next() < 0.5 ? r.pick(genres) : `${r.pick(genres)} ${r.pick(r.pick(titles))}`)], // "rpg"
    [15, () => Array.from({ length: 1 + r.int(2) }, () => r.pick(described)).join(' ')],
    [15, () => Array.from({ length: 1 + r.int(2) }, nonsense).join(' ')], // "qzvkt"
  ];
  const weights = kinds.reduce((sum, [w]) => sum + w, 0);
  const out = new Set<string>();
  while (out.size < n) {
    let x = r.next() * weights;
    const make = kinds.find(([w]) => (x -= w) < 0)![1];
    out.add(make().trim());
  }
  return [...out];
}

// ---------------------------------------------------------------------------------------------
// Scratch databases.
async function createDatabase(name: string, migrations: string, vacuum: boolean): Promise<string> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  await migrate(db, { migrationsFolder: migrations });
  await seed(db, { bcryptCost: 4 });
  await sql.unsafe(vacuum ? 'vacuum analyze' : 'analyze');
  await sql.end();
  return url.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  await admin.end();
}

/** drizzle/ as it was before the rework: its first migrations and their journal entries. */
function legacyMigrationsFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arcade-migrations-'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8'));
  journal.entries = journal.entries.filter((e: { tag: string }) =>
    LEGACY_MIGRATIONS.includes(e.tag),
  );
  for (const tag of LEGACY_MIGRATIONS)
    copyFileSync(join(MIGRATIONS, `${tag}.sql`), join(dir, `${tag}.sql`));
  mkdirSync(join(dir, 'meta'));
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

// ---------------------------------------------------------------------------------------------
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(variant: Variant, queries: string[]): Promise<Measured> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < queries.length) {
        const q = queries[next++]!;
        const t = performance.now();
        await variant.search(q);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    qps: queries.length / seconds,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    clientMs: (used.user + used.system) / 1000 / queries.length,
  };
}

async function main() {
  const scratch: string[] = [];
  let beforeUrl = process.env.DATABASE_URL;
  let afterUrl = beforeUrl;
  if (!beforeUrl) {
    const vacuum = !opts['no-vacuum'];
    const legacy = legacyMigrationsFolder();
    beforeUrl = await createDatabase('arcade_search_bench_before', legacy, vacuum);
    rmSync(legacy, { recursive: true });
    afterUrl = await createDatabase('arcade_search_bench_after', MIGRATIONS, vacuum);
    if (!opts.keep) scratch.push(beforeUrl, afterUrl);
  }
  const beforeSql = postgres(beforeUrl, { max: CONCURRENCY, onnotice: () => {} });
  const afterSql = postgres(afterUrl!, { max: CONCURRENCY, onnotice: () => {} });
  try {
    const current = await currentSql(afterSql);
    if (opts.explain) return await explain([beforeSql, LEGACY], [afterSql, current], positionals);
    const variants = [
      rawVariant('before', beforeSql, LEGACY),
      rawVariant('after', afterSql, current),
    ];
    if (opts.app) variants.push(appVariant());

    const queries = await searchStrings(afterSql, QUERIES);
    let differ = 0;
    let empty = 0;
    for (const q of queries) {
      const [expected, ...others] = await Promise.all(variants.map((v) => v.search(q)));
      if (expected!.total === 0) empty++;
      const same = others.every(
        (r) => r.total === expected!.total && r.slugs.join() === expected!.slugs.join(),
      );
      if (!same && differ++ < 10) {
        console.log(
          `differs: ${JSON.stringify(q)}: ${[expected, ...others].map((r) => r!.total).join(' / ')} games`,
        );
      }
    }
    console.log(
      `${queries.length} distinct searches, ${empty} of which find nothing; results differ for ${differ}`,
    );
    console.log(
      `${CONCURRENCY} in flight, ${ROUNDS} rounds, ${opts['no-vacuum'] ? 'ANALYZE only' : 'VACUUM ANALYZE'}`,
    );

    const width = Math.max(...variants.map((v) => v.name.length));
    const results = new Map<string, Measured[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of round % 2 ? variants : [...variants].reverse()) {
        const m = await measure(variant, queries);
        results.set(variant.name, [...(results.get(variant.name) ?? []), m]);
        console.log(`round ${round}  ${variant.name.padEnd(width)}  ${fmt(m)}`);
      }
    }
    console.log('median of the rounds (each figure on its own):');
    for (const [name, ms] of results) {
      const median = (k: keyof Measured) =>
        pct(
          ms.map((m) => m[k]).sort((a, b) => a - b),
          50,
        );
      const m = {
        qps: median('qps'),
        p50: median('p50'),
        p95: median('p95'),
        p99: median('p99'),
        clientMs: median('clientMs'),
      };
      console.log(`         ${name.padEnd(width)}  ${fmt(m)}`);
    }
  } finally {
    await Promise.all([beforeSql.end(), afterSql.end()]);
    for (const url of scratch) await dropDatabase(url);
  }
}

type Measured = { qps: number; p50: number; p95: number; p99: number; clientMs: number };
const fmt = (m: Measured) =>
  `${m.qps.toFixed(0).padStart(5)} searches/s  p50 ${m.p50.toFixed(1).padStart(5)} ms  ` +
  `p95 ${m.p95.toFixed(1).padStart(5)} ms  p99 ${m.p99.toFixed(1).padStart(5)} ms  ` +
  `(bench process CPU ${m.clientMs.toFixed(2)} ms a search)`;

/** EXPLAIN (ANALYZE, BUFFERS) of each variant's page query: the third run, so caches are warm. */
type Target = [postgres.Sql, SearchSql];
async function explain(before: Target, after: Target, words: string[]) {
  for (const q of words) {
    for (const [name, [sql, statements]] of [
      ['before', before],
      ['after', after],
    ] as const) {
      let plan: string[] = [];
      for (let i = 0; i < 3; i++) {
        const params = statements.page.params(q) as never[];
        const rows = await sql.unsafe(
          `explain (analyze, buffers) ${statements.page.text}`,
          params,
          { prepare: false },
        );
        plan = rows.map((row) => row['QUERY PLAN'] as string);
      }
      console.log(`--- ${name}: ${JSON.stringify(q)}\n${plan.join('\n')}\n`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
