/**
 * Unique (uncached) catalog searches, the SQL alone: before and after a change of the search.
 *
 * Sends ~2,000 distinct, realistic search strings (title words, whole titles, misspellings,
 * half-typed words, genre and description words, nonsense; with --facets also studio names and
 * platforms) to PostgreSQL through postgres.js the way `/search?q=…` does on a cache miss
 * (queryProducts: sort relevance, page 1, 24 a page), 16 at a time, and prints searches/s, p50,
 * p95 and p99. Statements go out unprepared, as drizzle sends them, so every search is planned.
 *   before  the SQL queryProducts sent before search matched genres, platforms and studios and
 *           corrected misspellings (frozen below): text and title tests only, raw rating order;
 *   after   the SQL queryProducts sends now: each search planned against the search vocabulary
 *           (lib/catalog/search-plan.ts, the vocabulary read once, as the cache would hold it)
 *           and built by productsStatement, all before the clock starts;
 *   --app   adds "after, via queryProducts": planning, drizzle and mapping inside the clock.
 * The variants run alternately on one scratch database (created, migrated, seeded, VACUUM
 * ANALYZEd, dropped), round after round, so the machine's noise hits all alike. The results are
 * meant to differ: the bench counts the searches that find nothing, and those that find more.
 *
 *   npx tsx --conditions=react-server bench/search-sql.ts [options]
 *     --queries 2000  --concurrency 16  --rounds 4  --app  --facets
 *     --no-vacuum     ANALYZE only: GIN pending lists stay as the seed left them (as after writes)
 *     --keep          leave the scratch database (arcade_search_bench)
 *     --explain       print EXPLAIN (ANALYZE, BUFFERS) of both variants for the words that
 *                     follow (e.g. --explain drgon rpg "pixel harbor"), then stop
 *   PG_ADMIN_URL  server for the scratch database (default postgres://postgres@127.0.0.1:5432/postgres)
 *   DATABASE_URL  run on this migrated, seeded database instead (nothing created)
 */
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import * as schema from '@/db/schema';
import { seed } from '@/db/seed';
import { productsStatement, queryProducts } from '@/lib/catalog/repository';
import { productQuerySchema } from '@/lib/catalog/query';
import { planSearch } from '@/lib/catalog/search-plan';
import type { SearchVocabulary } from '@/lib/catalog/types';
import { querySearchVocabulary } from '@/lib/catalog/vocabulary';

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
    facets: { type: 'boolean', default: false },
  },
});
const QUERIES = Number(opts.queries);
const CONCURRENCY = Number(opts.concurrency);
const ROUNDS = Number(opts.rounds);
const ADMIN_URL = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MIGRATIONS = new URL('../drizzle', import.meta.url).pathname;
const SCRATCH = 'arcade_search_bench';

// ---------------------------------------------------------------------------------------------
// The page statement queryProducts sent for a search before, as drizzle logged it.
const editionsColumn = (expression: string, fallback: string) => `coalesce((
    select ${expression} from "editions"
    where "product_id" = "products"."id" and "archived_at" is null
  ), ${fallback})`;
const cover = (column: string) => `(
    select "${column}" from "product_images"
    where "product_id" = "products"."id"
    order by "position" asc limit 1
  )`;
const BEFORE_PAGE = `select "id", "slug", "title", "price_cents", "currency", ${editionsColumn('sum("editions"."stock")::int', '0')}, ${editionsColumn('bool_or("editions"."stock" is null)', 'false')}, ${editionsColumn('array_agg("editions"."id" order by "editions"."position", "editions"."name") filter (where "editions"."stock" is not null)', "'{}'::uuid[]")}, "rating", "rating_count", "platforms", "genres", ${cover('url')}, ${cover('alt')}, count(*) over () from "products" where ("products"."archived_at" is null and "products"."id" in (
      select "hit"."id" from "products" "hit" where "hit"."search" @@ websearch_to_tsquery('english', $1)
      union select "hit"."id" from "products" "hit" where lower("hit"."title") like $2
      union select "hit"."id" from "products" "hit" where lower("hit"."title") %> $3
      union select "hit"."id" from "products" "hit" where lower("hit"."title") % $4
    )) order by case when lower("products"."title") = $5 then 0 when lower("products"."title") like $6 then 1 else 2 end asc, ts_rank_cd("products"."search", websearch_to_tsquery('english', $7), 32) + similarity(lower("products"."title"), $8) desc, word_similarity($9, lower("products"."title")) desc, "products"."rating" desc, "products"."rating_count" desc, "products"."title" asc, "products"."id" asc limit $10`;

const lower = (q: string) => q.trim().toLowerCase();
const likePrefix = (q: string) => `${lower(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const beforeParams = (q: string) => [
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
];

/** One search's page statement, ready to send. */
type Statement = { text: string; params: unknown[] };

/** Installs a drizzle handle on `sql` as the one db/client's getDb() hands to queryProducts. */
function installDb(sql: postgres.Sql): void {
  const db = drizzle(sql, { schema });
  (globalThis as { __arcadeDb?: unknown }).__arcadeDb = Promise.resolve({
    db,
    kind: 'postgres',
    close: async () => {},
  });
}

const searchQuery = (q: string) => productQuerySchema.parse({ q, sort: 'relevance' });

/** The statement queryProducts sends now for `q`, planned against the vocabulary. */
async function afterStatement(q: string, vocabulary: SearchVocabulary): Promise<Statement> {
  const built = await productsStatement(searchQuery(q), planSearch(q, vocabulary));
  return { text: built.sql, params: built.params };
}

type Result = { slugs: string[]; total: number };
type Variant = { name: string; search: (q: string) => Promise<Result> };

/** Sends prepared-in-advance statements as drizzle does: unprepared (unnamed), so each is planned. */
function rawVariant(name: string, sql: postgres.Sql, statements: Map<string, Statement>): Variant {
  return {
    name,
    async search(q) {
      const { text, params } = statements.get(q)!;
      const rows = await sql.unsafe(text, params as never[], { prepare: false });
      return { slugs: rows.map((row) => row.slug as string), total: Number(rows[0]?.count ?? 0) };
    },
  };
}

/** The app's own path on a cache miss: plan the search, then queryProducts (drizzle and mapping). */
function appVariant(vocabulary: SearchVocabulary): Variant {
  return {
    name: 'after, via queryProducts',
    async search(q) {
      const page = await queryProducts(searchQuery(q), planSearch(q, vocabulary));
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

async function searchStrings(sql: postgres.Sql, n: number, facets: boolean): Promise<string[]> {
  const rows = await sql<
    {
      title: string;
      description: string;
      genres: string[];
      platforms: string[];
      developer: string;
      publisher: string;
    }[]
  >`select title, description, genres, platforms, developer, publisher from products where archived_at is null order by slug`;
  const r = prng(42);
  const words = (s: string) => s.toLowerCase().match(/[a-z0-9']+/g) ?? [];
  const titles = rows.map((row) => words(row.title)).filter((w) => w.length > 0);
  const described = [...new Set(rows.flatMap((row) => words(row.description)))].filter(
    (w) => w.length >= 4,
  );
  const genres = [...new Set(rows.flatMap((row) => row.genres.map((g) => g.toLowerCase())))];
  const studios = [...new Set(rows.flatMap((row) => [row.developer, row.publisher]))].map((s) =>
    s.toLowerCase(),
  );
  const platforms = [...new Set(rows.flatMap((row) => row.platforms))].map((p) => p.toLowerCase());
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
    // --facets: studio names ("pixel harbor", "copperfox"), platforms ("switch", "xbox rpg").
    [facets ? 10 : 0, () => r.pick(studios)],
    [
      facets ? 5 : 0,
      () =>
        r.next() < 0.5
          ? r.pick(platforms)
          : `${r.pick(['xbox', 'ps5', 'switch', 'pc'])} ${r.pick(genres)}`,
    ],
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
async function createDatabase(name: string, vacuum: boolean): Promise<string> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS });
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
  let url = process.env.DATABASE_URL;
  const scratch = !url;
  if (!url) url = await createDatabase(SCRATCH, !opts['no-vacuum']);
  const sql = postgres(url, { max: CONCURRENCY, onnotice: () => {} });
  try {
    installDb(sql);
    const vocabulary = await querySearchVocabulary();
    const queries = opts.explain ? positionals : await searchStrings(sql, QUERIES, opts.facets);
    const before = new Map(queries.map((q) => [q, { text: BEFORE_PAGE, params: beforeParams(q) }]));
    const after = new Map<string, Statement>();
    for (const q of queries) after.set(q, await afterStatement(q, vocabulary));
    if (opts.explain) return await explain(sql, queries, before, after);

    const variants = [rawVariant('before', sql, before), rawVariant('after', sql, after)];
    if (opts.app) variants.push(appVariant(vocabulary));
    const found = { before: 0, after: 0, more: 0, fewer: 0 };
    for (const q of queries) {
      const [b, a, ...others] = await Promise.all(variants.map((v) => v.search(q)));
      if (b!.total > 0) found.before++;
      if (a!.total > 0) found.after++;
      if (a!.total > b!.total) found.more++;
      if (a!.total < b!.total) found.fewer++;
      for (const o of others) {
        if (o!.total !== a!.total || o!.slugs.join() !== a!.slugs.join())
          console.log(`app and SQL differ: ${JSON.stringify(q)}`);
      }
    }
    console.log(
      `${queries.length} distinct searches; find something: before ${found.before}, after ${found.after}; ` +
        `after finds more games for ${found.more}, fewer for ${found.fewer}`,
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
    await sql.end();
    if (scratch && !opts.keep) await dropDatabase(url);
  }
}

type Measured = { qps: number; p50: number; p95: number; p99: number; clientMs: number };
const fmt = (m: Measured) =>
  `${m.qps.toFixed(0).padStart(5)} searches/s  p50 ${m.p50.toFixed(1).padStart(5)} ms  ` +
  `p95 ${m.p95.toFixed(1).padStart(5)} ms  p99 ${m.p99.toFixed(1).padStart(5)} ms  ` +
  `(bench process CPU ${m.clientMs.toFixed(2)} ms a search)`;

/** EXPLAIN (ANALYZE, BUFFERS) of each variant's page statement: the third run, so caches are warm. */
async function explain(
  sql: postgres.Sql,
  queries: string[],
  before: Map<string, Statement>,
  after: Map<string, Statement>,
) {
  for (const q of queries) {
    for (const [name, statements] of [
      ['before', before],
      ['after', after],
    ] as const) {
      const { text, params } = statements.get(q)!;
      let plan: string[] = [];
      for (let i = 0; i < 3; i++) {
        const rows = await sql.unsafe(`explain (analyze, buffers) ${text}`, params as never[], {
          prepare: false,
        });
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
