import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/*
 * A short, small run of every k6 script in k6/ against the end-to-end server: the scripts still
 * parse on the k6 we ship (v0.48), still talk the API's language, and their thresholds hold. It is a
 * smoke test, not a measurement: a few VUs for a few seconds, latency thresholds left loose.
 *
 * The server runs with TRUST_PROXY unset and the default rate limits, so every client shares one
 * "unknown" bucket: register 20/3600 and login 30/60 for the whole suite. Other specs register and
 * log in too, so the auth and checkout runs are bounded by iterations, not by time: together they
 * register BUYERS + AUTH_VUS × AUTH_ITERATIONS = 4 accounts and log in 2 times.
 *
 * k6: K6_BIN, or ../shared/tools/k6 next to the repository. Missing, the tests fail and say so:
 * the load scripts are part of what is tested.
 */

const repoRoot = path.resolve(__dirname, '..');
const K6_BIN = process.env.K6_BIN || path.resolve(repoRoot, '..', 'shared', 'tools', 'k6');
const BASE_URL = process.env.BASE_URL!;
/** Kills a k6 that hangs (a stuck setup, a server that stopped answering) well before the test timeout. */
const K6_TIMEOUT_MS = 100_000;

const AUTH_VUS = 2;
const AUTH_ITERATIONS = 1;
const BUYERS = 2;

/** The summary `--summary-export` writes: counters have count, rates passes/fails/value. */
type K6Summary = { metrics: Record<string, Record<string, number> | undefined> };
type K6Run = {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  summary?: K6Summary;
};

// A run takes seconds (catalog.js about 12 s); the rest is room for a slow, busy CI machine.
test.describe.configure({ timeout: 150_000 });

function k6Binary(): string {
  let problem = '';
  if (!existsSync(K6_BIN)) problem = 'does not exist';
  else {
    try {
      accessSync(K6_BIN, constants.X_OK);
    } catch {
      problem = 'is not executable';
    }
  }
  if (problem) {
    throw new Error(
      `k6 binary ${K6_BIN} ${problem}: set K6_BIN to a k6 (v0.48 or newer) to run the k6 smoke tests`,
    );
  }
  return K6_BIN;
}

async function runK6(script: string, env: Record<string, string>): Promise<K6Run> {
  const k6 = k6Binary();
  const testInfo = test.info();
  const dir = mkdtempSync(path.join(tmpdir(), 'k6-smoke-'));
  const summaryFile = path.join(dir, 'summary.json');
  const args = [
    'run',
    '--quiet',
    '--no-color',
    '--no-usage-report',
    // Only the -e values below reach the script: a stray HOLD or VUS in CI's environment must not.
    '--include-system-env-vars=false',
    '--summary-export',
    summaryFile,
    ...Object.entries({ BASE_URL, ...env }).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
    path.join(repoRoot, 'k6', script),
  ];
  try {
    const { exitCode, signal, output } = await new Promise<Omit<K6Run, 'summary'>>(
      (resolve, reject) => {
        const child = spawn(k6, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), K6_TIMEOUT_MS);
        child.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        child.on('close', (code, sig) => {
          clearTimeout(timer);
          resolve({ exitCode: code, signal: sig, output: text });
        });
      },
    );
    await testInfo.attach(`k6 ${script}`, {
      body: `${k6} ${args.join(' ')}\n\n${output}`,
      contentType: 'text/plain',
    });
    const summary = existsSync(summaryFile)
      ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as K6Summary)
      : undefined;
    return { exitCode, signal, output, summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** k6 ran to the end with every threshold held, sent requests, and its checks passed. */
function expectHeld(run: K6Run, script: string): K6Summary {
  const tail = run.output.split('\n').slice(-60).join('\n');
  expect(
    run.exitCode,
    `k6 run ${script} exited ${run.exitCode ?? run.signal} (99: a threshold failed; 107: setup or a script error; SIGKILL: over ${K6_TIMEOUT_MS} ms)\n${tail}`,
  ).toBe(0);
  expect(run.summary, `k6 wrote no --summary-export for ${script}\n${tail}`).toBeDefined();
  const { metrics } = run.summary!;
  expect(metrics.http_reqs?.count ?? 0, `${script} sent requests`).toBeGreaterThan(0);
  expect(metrics.http_req_failed?.value, `${script}'s share of failed requests`).toBeLessThan(0.01);
  expect(metrics.checks?.passes ?? 0, `${script} ran its checks`).toBeGreaterThan(0);
  expect(metrics.checks?.value, `${script}'s share of passed checks`).toBeGreaterThan(0.99);
  return run.summary!;
}

test('k6/catalog.js: a few shoppers browse for a few seconds', async () => {
  const run = await runK6('catalog.js', {
    VUS: '3',
    RAMP: '2s',
    HOLD: '6s',
    RAMP_DOWN: '1s',
    THINK_SECONDS: '0.5',
    // A smoke of a server sharing two cores with Chromium: the figure that matters comes from a real run.
    P99_MS: '2000',
  });
  const { metrics } = expectHeld(run, 'catalog.js');
  // setup() sends 2 requests; the VUs' listings and product pages come on top.
  expect(metrics.http_reqs!.count).toBeGreaterThan(2);
});

test('k6/auth.js: two new shoppers register, check their session, log out and back in', async () => {
  const run = await runK6('auth.js', {
    VUS: String(AUTH_VUS),
    // Bounded by iterations: each one registers an account out of the suite's shared budget.
    ITERATIONS: String(AUTH_ITERATIONS),
    MAX_DURATION: '60s',
    THINK_SECONDS: '0.2',
  });
  const { metrics } = expectHeld(run, 'auth.js');
  const cycles = AUTH_VUS * AUTH_ITERATIONS;
  const refusedHint =
    'a 429 here means the suite used up the shared register/login budget (TRUST_PROXY is unset)';
  expect(metrics.auth_accounts_created?.count ?? 0, `accounts registered; ${refusedHint}`).toBe(
    cycles,
  );
  expect(metrics.auth_logins?.count ?? 0, `logins; ${refusedHint}`).toBe(cycles);
});

test('k6/checkout.js: a tiny flash sale of a well-stocked game', async ({ request }) => {
  // A game with units to spare, so every buyer gets an order and no other spec finds it sold out.
  const res = await request.get('/api/v1/products?inStock=true&pageSize=100&sort=price_asc');
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: { slug: string; stock: number }[] };
  const product = items.find((p) => p.stock >= 20);
  expect(product, 'the seeded catalog has a game with at least 20 units').toBeDefined();

  const run = await runK6('checkout.js', {
    BUYERS: String(BUYERS),
    PRODUCT_SLUG: product!.slug,
    // A threshold: k6 itself fails the run on any other number of orders.
    EXPECT_ORDERS: String(BUYERS),
    SETUP_TIMEOUT: '60s',
    MAX_DURATION: '30s',
  });
  const { metrics } = expectHeld(run, 'checkout.js');
  expect(metrics.orders_made?.count ?? 0).toBe(BUYERS);
  expect(metrics.orders_refused_409?.count ?? 0).toBe(0);
});
