import { readdirSync } from 'node:fs';
import { NextRequest } from 'next/server';
import postgres from 'postgres';
import { vi } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';
import { log } from '@/lib/log';
import {
  giveCustomerHistory,
  knownIds,
  makePersonas,
  sessionIdsOf,
  type Personas,
} from './fixtures';
import { materialize, type Known, type SendContext } from './materialize';
import {
  fileOfPath,
  HTTP_METHODS,
  operationsOf,
  type Coverage,
  type OpenApiDocument,
} from './operations';
import { countStatus, FailureLog, type RunSummary } from './report';
import { CaseSource } from './sampling';
import { judge } from './verdict';
import {
  describeWrites,
  installWriteLog,
  isBookkeeping,
  lastWrite,
  removeWriteLog,
  writesSince,
} from './write-log';

/*
 * Sends fuzz cases to the route handlers in-process, one at a time (so every write is
 * attributable to exactly one request), and holds each answer to the rules in verdict.ts.
 */

export const ORIGIN = 'http://localhost:3000';
export const COOKIE_NAME = 'authjs.session-token';
const TIMEOUT_MS = 20_000;

type Handler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;

export type RunResult = RunSummary & {
  /** `notFuzzed`: route modules outside /api/v1 that the document does not describe either. */
  coverage: Coverage & { notFuzzed: string[] };
};

export type RunOptions = {
  count: number;
  seed: number;
  /** Regex over "METHOD /path": fuzz only matching operations. */
  only?: string;
  /** Send only this case index of each operation (to replay a failure). */
  caseIndex?: number;
  /** Settles work a handler left running after its response; returns what failed in it. */
  drainBackground: () => Promise<string[]>;
  onProgress?: (sent: number, total: number) => void;
};

/** Every route module under app/api with its exported HTTP methods. */
async function loadRoutes(): Promise<{
  files: Map<string, string[]>;
  handlers: Map<string, Handler>;
}> {
  const files = new Map<string, string[]>();
  const handlers = new Map<string, Handler>();
  const routeFiles = readdirSync('app/api', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('route.ts'))
    .map((f) => `app/api/${f}`)
    .sort();
  for (const file of routeFiles) {
    const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, '')}`)) as Record<
      string,
      unknown
    >;
    const methods = HTTP_METHODS.filter((m) => typeof mod[m] === 'function');
    files.set(file, methods);
    for (const m of methods) handlers.set(`${m} ${file}`, mod[m] as Handler);
  }
  return { files, handlers };
}

/** The /api/v1 tree, and any other route the document describes (/api/health). */
export function coverageOf(
  doc: OpenApiDocument,
  files: Map<string, string[]>,
): RunResult['coverage'] {
  const documented = new Set(Object.keys(doc.paths).map(fileOfPath));
  const inScope = new Map(
    [...files].filter(([file]) => file.startsWith('app/api/v1/') || documented.has(file)),
  );
  return {
    ...operationsOf(doc, inScope),
    notFuzzed: [...files.keys()].filter((f) => !inScope.has(f)),
  };
}

export const withTimeout = <T>(p: Promise<T> | T, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    Promise.resolve(p)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });

/** The stack, and the causes' messages (a failed query's own reason is in its cause). */
function stackOf(err: unknown): string {
  const lines = (err instanceof Error ? (err.stack ?? err.message) : String(err))
    .split('\n')
    .slice(0, 12);
  let cause = (err as { cause?: unknown } | undefined)?.cause;
  for (let depth = 0; cause && depth < 4; depth++, cause = (cause as { cause?: unknown }).cause) {
    lines.push(
      `caused by: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`,
    );
  }
  return lines.join('\n');
}

export async function runFuzz(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const { files, handlers } = await loadRoutes();
  const doc = openApiDocument(ORIGIN) as unknown as OpenApiDocument;
  const coverage = coverageOf(doc, files);
  const only = options.only ? new RegExp(options.only) : undefined;
  const operations = coverage.operations.filter(
    (op) => !only || only.test(`${op.method} ${op.path}`),
  );
  const perOperation = Math.ceil(options.count / Math.max(1, coverage.operations.length));
  const cases = new CaseSource(operations, doc, options.seed);

  const tables = await installWriteLog(sql);
  let personas: Personas = await makePersonas();
  await giveCustomerHistory(sql, personas.customer.id);
  let known: Known = await knownIds(sql, personas, await sessionIdsOf(sql, personas));
  const webhookSecret = process.env.PAYMENT_WEBHOOK_SECRET;
  const context = (): SendContext => ({
    origin: ORIGIN,
    known,
    cookieName: COOKIE_NAME,
    webhookSecret,
    cookies: { customer: personas.customer.cookie, admin: personas.admin.cookie },
  });

  // Unexpected errors are logged by the route wrapper, never shown: the report wants their stacks.
  const logged: unknown[] = [];
  const spy = vi.spyOn(log, 'error').mockImplementation(((obj: unknown) => {
    logged.push((obj as { err?: unknown } | undefined)?.err ?? obj);
  }) as never);

  const summary: RunSummary = {
    requests: 0,
    durationMs: 0,
    statuses: {},
    successfulWrites: 0,
    perOperation: new Map(),
    failures: new FailureLog(),
    backgroundErrors: [],
  };
  let seq = await lastWrite(sql);
  const total = operations.length * (options.caseIndex === undefined ? perOperation : 1);

  /** Recreates personas a successful request may have signed out, demoted or disabled. */
  const refreshPersonas = async () => {
    const me = handlers.get('GET app/api/v1/auth/me/route.ts');
    let stale = !me;
    for (const [name, p] of Object.entries(personas)) {
      if (stale || !me) break;
      const res = await me(
        new NextRequest(`${ORIGIN}/api/v1/auth/me`, { headers: { cookie: p.cookie } }),
        { params: Promise.resolve({}) },
      );
      const body = (await res.json().catch(() => ({}))) as { role?: string };
      stale = res.status !== 200 || body.role !== name;
    }
    if (stale) {
      personas = await makePersonas();
      await giveCustomerHistory(sql, personas.customer.id);
    }
    known = await knownIds(sql, personas, await sessionIdsOf(sql, personas));
    seq = await lastWrite(sql);
  };

  try {
    for (let k = 0; k < perOperation; k++) {
      if (options.caseIndex !== undefined && k !== options.caseIndex) continue;
      for (let i = 0; i < operations.length; i++) {
        const op = operations[i]!;
        const c = cases.get(i, k);
        const m = materialize(op, c, context());
        const handler = handlers.get(`${op.method} ${op.file}`)!;
        // A request the fetch API refuses to build is no client's request: that throws here, not below.
        const req = new NextRequest(m.url, { method: m.method, headers: m.headers, body: m.body });
        logged.length = 0;
        const t0 = performance.now();
        let status: number | undefined;
        let body = '';
        let thrown: string | undefined;
        try {
          const res = await withTimeout(
            handler(req, { params: Promise.resolve(m.params) }),
            TIMEOUT_MS,
          );
          status = res.status;
          body = await withTimeout(res.text(), TIMEOUT_MS);
        } catch (err) {
          thrown = stackOf(err);
        }
        const label = `${op.method} ${op.path}`;
        for (const e of await options.drainBackground())
          summary.backgroundErrors.push(`${label} (case #${k}): ${e}`);
        const all = await writesSince(sql, seq);
        seq = Math.max(seq, ...all.map((w) => w.seq));
        const writes = all.filter((w) => !isBookkeeping(w));
        summary.requests++;
        countStatus(summary, label, thrown ? 'no answer' : String(status), performance.now() - t0);
        if (writes.length && status !== undefined && status < 400) summary.successfulWrites++;
        judge(
          {
            op,
            c,
            caseIndex: k,
            describe: m.describe,
            status,
            body,
            thrown,
            logged: logged.map(stackOf).join('\n---\n'),
            writes: describeWrites(writes),
          },
          summary.failures,
        );

        if (
          status !== undefined &&
          status < 300 &&
          op.method !== 'GET' &&
          /^\/api\/v1\/(auth|admin\/users)\//.test(op.path)
        )
          await refreshPersonas();
        if (summary.requests % 500 === 0) await refreshPersonas();
        options.onProgress?.(summary.requests, total);
      }
    }
  } finally {
    spy.mockRestore();
    await removeWriteLog(sql, tables);
    await sql.end();
  }
  return { ...summary, durationMs: Date.now() - started, coverage };
}
