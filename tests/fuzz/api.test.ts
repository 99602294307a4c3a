import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/lib/config/env';
import { flushViews } from '@/lib/leaderboards';
import { useTemporaryUploads } from '../downloads/fixtures';
import { formatReport } from './report';
import { runFuzz, type RunResult } from './runner';

/*
 * Issue "correctness and hardening" #16: hostile requests, drawn from the OpenAPI document with a
 * fixed seed, sent to every route handler under app/api (the whole /api/v1 tree plus /api/health)
 * as an anonymous caller, a signed-in customer and an admin. Wrong types, nulls, huge and unicode
 * strings (NUL, RTL, emoji, lone surrogates), deep nesting, invalid JSON, wrong content types,
 * oversized bodies, bad path params (not-uuid, huge, traversal) and bad query params.
 *
 * Passes when: no 5xx (or thrown error, or hang); no write for a refused (4xx, 429 included)
 * request; admin routes refuse non-admins with 401/403; no stack trace in a body. Writes are seen
 * by a trigger on every table of the test database (write-log.ts), checked after each request, so
 * an UPDATE that leaves row counts alone is caught too; a session's last_seen_at touch is not a
 * write of the request. Requests that failed once are kept as plain tests in regressions.test.ts.
 *
 * What is not fuzzed here, and why:
 *   - app/api/auth/[...nextauth] (Auth.js's own handler, outside /api/v1 and the document; the
 *     JSON sign-in is /api/v1/auth/login, fuzzed here) and app/api/metrics (operators' scrape
 *     endpoint behind METRICS_TOKEN, outside /api/v1; tests/foundation/metrics.test.ts). The
 *     second test fails if another route appears outside the fuzzed set.
 *   - Methods a route module does not export (Next answers 405 itself, before any of our code).
 *   - What only a real server does before the handler: body size limits of the HTTP server,
 *     header parsing, URL normalisation, proxy.ts. `npx tsx bench/fuzz.ts <count> --url <server>`
 *     sends the same requests over HTTP to a running instance for that.
 *   - Redis writes: only PostgreSQL writes are checked ("no write" means no committed row change).
 *
 * Environment: FUZZ_REQUESTS (default 10,500), FUZZ_SEED (default 20261216), FUZZ_ONLY (regex over
 * "METHOD /path"), FUZZ_CASE (one case index, to replay a failure the report names).
 */

const background = vi.hoisted(() => ({
  pending: new Set<Promise<void>>(),
  errors: [] as string[],
}));

// The app runs after-response work detached outside a Next request; the fuzzer waits for it, so a
// write is always attributed to the request that caused it.
vi.mock('@/lib/http/after-response', () => ({
  runAfterResponse(label: string, task: () => Promise<void>): Promise<void> {
    const done = task().catch((err: unknown) => {
      background.errors.push(
        `${label}: ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 6).join('\n') : String(err)}`,
      );
    });
    background.pending.add(done);
    void done.finally(() => background.pending.delete(done));
    return done;
  },
}));

/**
 * Settles what a request left behind before its writes are read: after-response tasks, and the
 * product views buffered for a timed flush (written now, so they count against the request that
 * reported them and not against whichever request is running five seconds later).
 */
async function drainBackground(): Promise<string[]> {
  while (background.pending.size) await Promise.allSettled([...background.pending]);
  await flushViews();
  return background.errors.splice(0);
}

const COUNT = Number(process.env.FUZZ_REQUESTS ?? 10_500);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_216);
const ONLY = process.env.FUZZ_ONLY || undefined;
const CASE = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
const ENV = ['PAYMENT_WEBHOOK_SECRET', 'TRUST_PROXY'] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

let cleanupUploads: () => Promise<void>;
let result: RunResult;

beforeAll(async () => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'fuzz-test-webhook-secret-0123456789';
  // Per-client rate-limit buckets from X-Forwarded-For, so limits do not refuse everything early.
  process.env.TRUST_PROXY = 'true';
  resetEnvForTests();
  cleanupUploads = await useTemporaryUploads();
}, 60_000);

afterAll(async () => {
  for (const k of ENV) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvForTests();
  await cleanupUploads?.();
});

describe('the API under hostile requests', () => {
  it(
    `answers ${COUNT.toLocaleString('en')} hostile requests without a 5xx, and writes nothing for any it refuses`,
    async () => {
      let last = Date.now();
      result = await runFuzz({
        count: COUNT,
        seed: SEED,
        only: ONLY,
        caseIndex: CASE,
        drainBackground,
        onProgress: (sent, total) => {
          if (Date.now() - last < 15_000) return;
          last = Date.now();
          console.log(`fuzz: ${sent}/${total}`);
        },
      });
      const report = formatReport(result);
      console.log(report);
      if (!ONLY && CASE === undefined)
        expect(result.requests).toBeGreaterThanOrEqual(Math.min(COUNT, 10_000));
      expect(result.failures.total, report).toBe(0);
    },
    // About 15 ms a request on a 2-core machine, with room for a slow CI runner.
    Math.max(10 * 60_000, COUNT * 60),
  );

  it('fuzzed every route: each documented operation has a handler, and every handler was called', () => {
    expect(result, 'the fuzz run did not complete').toBeDefined();
    const { coverage, perOperation } = result;
    if (coverage.undocumented.length)
      console.log(
        `fuzzed with generic input (not in the OpenAPI document): ${coverage.undocumented.join(', ')}`,
      );
    console.log(
      `not fuzzed (outside /api/v1 and not in the document): ${coverage.notFuzzed.join(', ')}`,
    );
    expect(coverage.notFuzzed).toEqual([
      'app/api/auth/[...nextauth]/route.ts',
      'app/api/metrics/route.ts',
    ]);
    expect(
      coverage.documentedWithoutHandler,
      'documented operations that no route module exports',
    ).toEqual([]);
    const missed = coverage.operations
      .map((op) => `${op.method} ${op.path}`)
      .filter((label) => !perOperation.has(label) && (!ONLY || new RegExp(ONLY).test(label)));
    expect(missed).toEqual([]);
  });
});
