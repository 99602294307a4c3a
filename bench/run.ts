/**
 * `npm run bench`: starts the production build on a fresh seeded PostgreSQL database with Redis
 * over TCP (REDIS_URL, as in production), measures the baseline route and every scenario, and
 * prints req/s, p50, p99 and each route's ratio to the baseline measured in the same run.
 *   BENCH_DURATION=8 BENCH_CONNECTIONS=50 BENCH_ONLY=catalog npm run bench
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { formatTable, load, waitFor, type LoadOptions, type LoadResult } from './harness';
import { scenarios } from './scenarios';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11';
const baseUrl = `http://127.0.0.1:${PORT}`;

const children: ChildProcess[] = [];
function start(cmd: string, args: string[], env: Record<string, string>): void {
  // Own process group, so stopping it also stops the servers it started.
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  children.push(child);
}
async function stopAll(): Promise<void> {
  await Promise.all(
    children.reverse().map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', () => resolve());
          try {
            process.kill(-c.pid!, 'SIGTERM');
          } catch {
            resolve();
          }
        }),
    ),
  );
}

async function main() {
  if (!existsSync('.next/BUILD_ID') || process.env.BENCH_BUILD) {
    const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
  }
  start(
    'npx',
    [
      'tsx',
      '--conditions=react-server',
      'scripts/serve.ts',
      '--port',
      String(PORT),
      '--db',
      'arcade_bench',
      '--flush-redis',
      REDIS_URL,
    ],
    {
      NODE_ENV: 'production',
      AUTH_URL: baseUrl,
      AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789',
      REDIS_URL,
      BCRYPT_COST: process.env.BCRYPT_COST ?? '10',
      LOG_LEVEL: 'warn',
      // Load comes from one address; the bench sends distinct X-Forwarded-For values where a
      // scenario needs per-client rate limits.
      TRUST_PROXY: 'true',
      // The auth scenario signs one account in thousands of times to measure hashing: the per-email
      // login limit would refuse all but the first few. Every attempt is still counted against it.
      RATE_LIMIT_LOGIN_EMAIL: '1000000/60',
      PAYMENT_WEBHOOK_SECRET: 'bench-webhook-secret-0123456789',
      KEY_VAULT_KEY: 'YmVuY2gtdmF1bHQta2V5LTAxMjM0NTY3ODlhYmNkZWY=',
      METRICS_TOKEN: 'bench-metrics-token-0123456789',
      // The bench measures the shop, not a mail server: nothing is mailed.
      MAIL_DISABLED: 'true',
    },
  );
  await waitFor(`${baseUrl}/api/v1/ping`);

  const baselineOptions: LoadOptions = {
    name: 'baseline GET /api/v1/ping',
    url: `${baseUrl}/api/v1/ping`,
  };
  // Warm-up: JIT, connection pools, caches.
  await load({ ...baselineOptions, durationSeconds: 3 });
  const baseline = await load(baselineOptions);
  // Each route also gets a baseline measured right before it: the fairest ratio on a noisy machine.
  const rows: Array<LoadResult & { adjacent?: number }> = [baseline];
  const figures: Array<{ name: string } & Record<string, string | number>> = [];

  const only = process.env.BENCH_ONLY?.split(',');
  for (const scenario of scenarios) {
    if (only && !only.includes(scenario.name)) continue;
    await scenario.run({
      baseUrl,
      measure: async (options) => {
        await load({ ...options, durationSeconds: 2 }); // warm the route and its cache
        const adjacent = await load({ ...baselineOptions, durationSeconds: 4 });
        const result = await load(options);
        rows.push({ ...result, adjacent: adjacent.rps });
        return result;
      },
      report: (name, values) => figures.push({ name, ...values }),
    });
  }
  // The machine is shared: a second baseline shows how much the ground moved during the run.
  const baselineAfter = await load({ ...baselineOptions, name: 'baseline again (drift check)' });
  rows.push(baselineAfter);

  // The machine is shared and drifts: ratios use the mean of the baselines before and after.
  const reference = (baseline.rps + baselineAfter.rps) / 2;
  const table = rows.map((r) => ({
    route: r.name,
    'req/s': Math.round(r.rps),
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    'ratio to baseline': (r.rps / reference).toFixed(2),
    'ratio to adjacent baseline': r.adjacent ? (r.rps / r.adjacent).toFixed(2) : '',
  }));
  console.log(
    `\nbaseline: ${Math.round(baseline.rps)} req/s before, ${Math.round(baselineAfter.rps)} after; ratios use their mean (${Math.round(reference)})\n`,
  );
  console.log(formatTable(table));
  for (const { name, ...values } of figures) {
    console.log(`\n${name}`);
    for (const [k, v] of Object.entries(values)) console.log(`  ${k.padEnd(28)} ${v}`);
  }
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ baseline, baselineAfter, rows, figures }, null, 2));
  console.log(`\nsaved ${file}`);
}

main()
  .catch((err: unknown) => {
    console.error('bench failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
