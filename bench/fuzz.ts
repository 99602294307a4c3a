/**
 * The long API fuzz run (issue "correctness and hardening" #16), the same requests as
 * tests/fuzz/api.test.ts from the same seed, only more of them:
 *
 *   npx tsx bench/fuzz.ts 200000
 *     In-process: runs tests/fuzz/api.test.ts with FUZZ_REQUESTS=200000 (fresh test database,
 *     real Postgres and Redis, every handler called directly, every write checked). ~15 ms a request.
 *
 *   npx tsx bench/fuzz.ts 200000 --url http://127.0.0.1:3200 [--database-url postgres://…]
 *     Over HTTP to a running instance (what the in-process run cannot see: the HTTP server, header
 *     parsing, proxy.ts). Point it at a throwaway instance: it acts as the seeded admin
 *     (FUZZ_ADMIN=email:password to change) and a customer it registers, and changes data as they
 *     may. With --database-url, row counts of the watched tables are compared around every refused
 *     request (read-only: no triggers on a database it does not own). PAYMENT_WEBHOOK_SECRET, when
 *     set to the server's, signs webhook bodies so they get past the signature check.
 *
 * Options: --seed N (default 20261216), --only REGEX (over "METHOD /path"). Exits 1 on any failure.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import type { Known } from '../tests/fuzz/materialize';
import { materialize } from '../tests/fuzz/materialize';
import { CaseSource } from '../tests/fuzz/sampling';
import {
  fileOfPath,
  HTTP_METHODS,
  operationsOf,
  type OpenApiDocument,
} from '../tests/fuzz/operations';
import { countStatus, FailureLog, formatReport, type RunSummary } from '../tests/fuzz/report';
import { judge } from '../tests/fuzz/verdict';
import { REQUIRED_TABLES } from '../tests/fuzz/write-log';
import { slotFor, SLOTS, type Slot } from '../tests/fuzz/hostile';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 200_000);
const seed = Number(flag('seed') ?? process.env.FUZZ_SEED ?? 20_261_216);
const only = flag('only') ?? process.env.FUZZ_ONLY;
const baseUrl = flag('url');
const databaseUrl = flag('database-url');

if (!baseUrl) {
  const run = spawnSync('npx', ['vitest', 'run', 'tests/fuzz/api.test.ts'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_REQUESTS: String(count),
      FUZZ_SEED: String(seed),
      ...(only ? { FUZZ_ONLY: only } : {}),
    },
  });
  process.exit(run.status ?? 1);
}

const origin = new URL(baseUrl).origin;
const COOKIE = /^((?:__Secure-)?authjs\.session-token)=([^;]+)/;

async function signIn(email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': randomIp() },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => COOKIE.exec(c))
    .find(Boolean);
  if (!res.ok || !cookie)
    throw new Error(`could not sign in as ${email}: ${res.status} ${await res.text()}`);
  return `${cookie[1]}=${cookie[2]}`;
}

async function registerCustomer(): Promise<string> {
  const email = `fuzz-${randomBytes(5).toString('hex')}@fuzz.test`;
  const password = `fuzz ${randomBytes(8).toString('hex')} long enough`;
  const res = await fetch(`${origin}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-forwarded-for': randomIp() },
    body: JSON.stringify({ email, password, name: 'Fuzz Customer' }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => COOKIE.exec(c))
    .find(Boolean);
  if (!cookie) throw new Error(`could not register a customer: ${res.status} ${await res.text()}`);
  return `${cookie[1]}=${cookie[2]}`;
}

const randomIp = () =>
  `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 254)}`;

async function getJson(path: string, cookie?: string): Promise<unknown> {
  const res = await fetch(`${origin}${path}`, { headers: cookie ? { cookie } : {} });
  return res.ok ? res.json().catch(() => null) : null;
}

/** Ids of real rows, read from the API itself: uuids found under keys that name what they are. */
async function knownFromApi(
  cookies: { customer: string; admin: string },
  adminId: string,
): Promise<Known> {
  const known: Known = { board: ['top-sellers', 'top-sellers-7d', 'most-viewed', 'top-rated-rpg'] };
  const add = (slot: Slot, value: string) => {
    const list = (known[slot] ??= []);
    if (list.length < 6 && !list.includes(value) && value !== adminId) list.push(value);
  };
  const walk = (node: unknown, parent: Slot | undefined) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, parent));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const slot = key === 'id' ? parent : slotFor(key);
      if (typeof value === 'string' && slot && (SLOTS as readonly string[]).includes(slot))
        add(slot, value);
      else walk(value, slotFor(key.replace(/s$/, '')) ?? parent);
    }
  };
  walk(await getJson('/api/v1/products?pageSize=6'), 'product');
  walk(await getJson('/api/v1/categories'), 'category');
  walk(await getJson('/api/v1/orders', cookies.customer), 'ownOrder');
  walk(await getJson('/api/v1/library', cookies.customer), 'libraryItem');
  walk(await getJson('/api/v1/auth/sessions', cookies.customer), 'ownSession');
  walk(await getJson('/api/v1/admin/orders', cookies.admin), 'order');
  walk(await getJson('/api/v1/admin/users', cookies.admin), 'user');
  return known;
}

/** Route files' exported methods, read from the source when run in the repo (no imports over HTTP). */
function routeFilesFromSource(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  if (!existsSync('app/api')) return files;
  for (const f of readdirSync('app/api', { recursive: true, encoding: 'utf8' }).filter((x) =>
    x.endsWith('route.ts'),
  )) {
    const text = readFileSync(`app/api/${f}`, 'utf8');
    files.set(
      `app/api/${f}`,
      HTTP_METHODS.filter((m) =>
        new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\b${m}\\b`).test(
          text,
        ),
      ),
    );
  }
  return files;
}

/**
 * Row counts of the watched tables. The server's own worker enqueues a periodic sweep job every
 * minute whatever the traffic: those jobs are left out.
 */
async function rowCounts(sql: postgres.Sql): Promise<string> {
  const where = (t: string) =>
    t === 'jobs' ? ` where dedupe_key is null or dedupe_key not like '%:periodic:%'` : '';
  const [row] = await sql.unsafe(
    `select ${REQUIRED_TABLES.map((t) => `(select count(*) from "${t}"${where(t)}) as "${t}"`).join(', ')}`,
  );
  return JSON.stringify(row);
}

function diffCounts(before: string, after: string): string {
  const a = JSON.parse(before) as Record<string, string>;
  const b = JSON.parse(after) as Record<string, string>;
  return Object.keys(b)
    .filter((k) => a[k] !== b[k])
    .map((k) => `${k} ${a[k]}→${b[k]}`)
    .join(', ');
}

async function main() {
  const started = Date.now();
  const doc = (await (await fetch(`${origin}/api/v1/openapi.json`)).json()) as OpenApiDocument;
  const fromSource = routeFilesFromSource();
  const documented = new Set(Object.keys(doc.paths).map(fileOfPath));
  // Without the source, the document's own operations (assumed served) are the whole list.
  const files = fromSource.size
    ? new Map([...fromSource].filter(([f]) => f.startsWith('app/api/v1/') || documented.has(f)))
    : new Map(
        Object.entries(doc.paths).map(([p, item]) => [
          fileOfPath(p),
          Object.keys(item).map((m) => m.toUpperCase()),
        ]),
      );
  const { operations: all } = operationsOf(doc, files);
  const operations = all.filter((op) => !only || new RegExp(only).test(`${op.method} ${op.path}`));
  const perOperation = Math.ceil(count / Math.max(1, all.length));
  const cases = new CaseSource(operations, doc, seed);

  const [adminEmail, adminPassword] = (
    process.env.FUZZ_ADMIN ?? 'admin@arcade.test:arcade-admin-1'
  ).split(':') as [string, string];
  const cookies = {
    admin: await signIn(adminEmail, adminPassword),
    customer: await registerCustomer(),
  };
  const me = (await getJson('/api/v1/auth/me', cookies.admin)) as { id?: string } | null;
  const known = await knownFromApi(cookies, me?.id ?? '');
  const sql = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : undefined;
  let counts = sql ? await rowCounts(sql) : '';

  const summary: RunSummary = {
    requests: 0,
    durationMs: 0,
    statuses: {},
    successfulWrites: 0,
    perOperation: new Map(),
    failures: new FailureLog(),
    backgroundErrors: [],
  };
  const total = operations.length * perOperation;
  let lastLog = Date.now();
  for (let k = 0; k < perOperation; k++) {
    for (let i = 0; i < operations.length; i++) {
      const op = operations[i]!;
      const c = cases.get(i, k);
      const m = materialize(op, c, {
        origin,
        known,
        cookies,
        cookieName: 'authjs.session-token',
        webhookSecret: process.env.PAYMENT_WEBHOOK_SECRET,
      });
      // The HTTP client computes the length itself (a lying one would only break the connection),
      // and refuses to send control characters, which Node's HTTP server would refuse to read anyway.
      delete m.headers['content-length'];
      for (const [k, v] of Object.entries(m.headers))
        m.headers[k] = v.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '').trim();
      const bodySize =
        typeof m.body === 'string'
          ? m.body.length
          : m.body instanceof Uint8Array
            ? m.body.byteLength
            : m.body instanceof FormData
              ? [...m.body.values()].reduce(
                  (n, v) => n + (typeof v === 'string' ? v.length : v.size),
                  0,
                )
              : 0;
      const headerSize =
        m.url.length +
        Object.entries(m.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
      const t0 = performance.now();
      let status: number | undefined;
      let body = '';
      let thrown: string | undefined;
      try {
        const res = await fetch(m.url, {
          method: m.method,
          headers: m.headers,
          body: m.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        body = await res.text();
      } catch (err) {
        thrown =
          err instanceof Error
            ? `${err.name}: ${err.message}${err.cause ? ` (${String(err.cause)})` : ''}`
            : String(err);
        // The server answered an oversized upload early (413 from its Content-Length) and closed
        // the connection while the body was still being sent: a refusal, not a missing answer.
        // Likewise a header section over Node's 16 KB limit: 431, sometimes seen as a reset.
        const closed = /ECONNRESET|EPIPE|other side closed/.test(thrown);
        if (closed && (bodySize >= 1_000_000 || headerSize >= 16_000)) {
          status = bodySize >= 1_000_000 ? 413 : 431;
          thrown = undefined;
        }
      }
      let writes = '';
      if (sql) {
        // Work a successful request left running after its response (mail jobs, view counts)
        // lands now, not during the next request.
        if (status !== undefined && status < 400) await new Promise((r) => setTimeout(r, 150));
        const now = await rowCounts(sql);
        writes = diffCounts(counts, now);
        counts = now;
      }
      summary.requests++;
      countStatus(
        summary,
        `${op.method} ${op.path}`,
        thrown ? 'no answer' : String(status),
        performance.now() - t0,
      );
      if (writes && status !== undefined && status < 400) summary.successfulWrites++;
      judge(
        { op, c, caseIndex: k, describe: m.describe, status, body, thrown, writes },
        summary.failures,
      );
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        console.log(`fuzz: ${summary.requests}/${total}, ${summary.failures.total} failing`);
      }
      if (summary.requests % 500 === 0) {
        // Sessions may have been signed out by a fuzzed logout: sign in again.
        if (!(await getJson('/api/v1/auth/me', cookies.customer)))
          cookies.customer = await registerCustomer();
        if (!(await getJson('/api/v1/auth/me', cookies.admin)))
          cookies.admin = await signIn(adminEmail, adminPassword);
        if (sql) counts = await rowCounts(sql);
      }
    }
  }
  await sql?.end();
  summary.durationMs = Date.now() - started;
  console.log(formatReport(summary));
  if (!sql) console.log('(no --database-url: writes on refused requests were not checked)');
  process.exitCode = summary.failures.total ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error('fuzz failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
