/**
 * Auth: what signing in and staying signed in cost. A login is one bcrypt check, so its throughput
 * is compared with this machine's hashing ceiling (cores ÷ one hash at BCRYPT_COST, timed here in
 * the same run); the session check behind every signed-in request is compared with the trivial
 * JSON route measured just before it.
 *   BENCH_ONLY=auth npm run bench   (AUTH_BENCH_SECONDS: how long each login rate is offered)
 */
import { availableParallelism } from 'node:os';
import bcrypt from 'bcryptjs';
import type { BenchContext } from './scenarios';

const EMAIL = 'shopper@arcade.test';
const PASSWORD = 'arcade-shopper-1';
/** The cost run.ts hands the server, with the same default: the ceiling must price the same work. */
const COST = Number(process.env.BCRYPT_COST ?? 10);
const HASH_SAMPLES = 10;
/** For the requests that prepare the run: outside the range the load cycles through. */
const SETUP_IP = '192.0.2.10';

/**
 * Up to 2^20 distinct addresses in 172.16.0.0/12, so no address comes back often enough to trip
 * the per-IP limit (TRUST_PROXY makes the server key limits on this header).
 */
const loadIp = (i: number) => `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Milliseconds of one bcrypt check at COST in this process: what a pool thread spends per login. */
function hashMilliseconds(): number {
  // The first hash also warms the JIT, so the timed checks run optimised code like the pool's.
  const hash = bcrypt.hashSync(PASSWORD, COST);
  const times: number[] = [];
  for (let i = 0; i < HASH_SAMPLES; i++) {
    const started = performance.now();
    if (!bcrypt.compareSync(PASSWORD, hash))
      throw new Error('auth: bcryptjs rejected its own hash');
    times.push(performance.now() - started);
  }
  return median(times);
}

const jsonHeaders = (baseUrl: string) => ({ 'content-type': 'application/json', origin: baseUrl });
const loginBody = JSON.stringify({ email: EMAIL, password: PASSWORD });

async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { ...jsonHeaders(baseUrl), 'x-forwarded-for': SETUP_IP },
    body: loginBody,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`auth: signing in ${EMAIL} answered ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie.includes('session-token='))
    throw new Error('auth: the login response set no session cookie');
  return cookie;
}

async function meStatus(
  baseUrl: string,
  cookie: string,
): Promise<{ status: number; email?: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie } });
  const body = (await res.json().catch(() => ({}))) as { email?: string };
  return { status: res.status, email: body.email };
}

const share = (count: number, total: number) =>
  total ? `${((100 * count) / total).toFixed(1)}%` : 'n/a';

export async function auth({ baseUrl, measure, report: record }: BenchContext): Promise<void> {
  // run.ts prints the figures table with the columns of its first line only; lines with other
  // columns would lose them there, so each line is also printed in full as it is made.
  const report = (name: string, figures: Record<string, string | number>) => {
    record(name, figures);
    console.log(
      `${name}: ${Object.entries(figures)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
  };

  // --- Session check: one login, then the same cookie on every request.
  const cookie = await signIn(baseUrl);
  const before = await meStatus(baseUrl, cookie);
  if (before.status !== 200 || before.email !== EMAIL) {
    throw new Error(`auth: GET /api/v1/auth/me with a fresh session answered ${before.status}`);
  }
  // The run's baseline is not handed to scenarios; one measured next to this load is also the
  // fairer comparison on a shared machine.
  const ping = await measure({
    name: 'GET /api/v1/ping (auth: adjacent baseline)',
    url: `${baseUrl}/api/v1/ping`,
  });
  const me = await measure({
    name: 'GET /api/v1/auth/me (session check)',
    url: `${baseUrl}/api/v1/auth/me`,
    headers: { cookie },
  });
  const after = await meStatus(baseUrl, cookie);
  report('auth: session check', {
    'me req/s': Math.round(me.rps),
    'ping req/s': Math.round(ping.rps),
    'ratio to ping': (me.rps / ping.rps).toFixed(2),
    'p99 ms': me.p99,
    requests: me.requests,
    non2xx: me.non2xx,
    errors: me.errors,
    'session alive after': after.status,
    verdict:
      me.requests > 0 && me.non2xx === 0 && me.errors === 0 && after.status === 200
        ? 'ok'
        : 'FAILED',
  });

  // --- Logins: every request a full password check, each from its own address.
  const cores = availableParallelism();
  const hashMs = hashMilliseconds();
  const ceiling = (cores * 1000) / hashMs;

  // Open loop: logins arrive at a fixed rate whatever the answers, as a crowd's do. At 0.8 of the
  // ceiling all should be served; at 3 times it the excess must be refused at once while what is
  // admitted keeps its speed.
  const normal = await loginsAtRate(baseUrl, ceiling * 0.8, 0);
  const overload = await loginsAtRate(baseUrl, ceiling * 3, 1_000_000);
  const row = (r: LoginRun) => ({
    'offered/s': r.offered.toFixed(1),
    'signed in/s': r.signedIn.toFixed(1),
    'accepted p99 ms': Math.round(r.acceptedP99),
    'refused 503': share(r.refused, r.total),
    'refusals p99 ms': Math.round(r.refusedP99),
    other: r.other,
  });
  report('auth: logins at 0.8x the hashing ceiling', row(normal));
  report('auth: logins at 3x the hashing ceiling', row(overload));
  report('auth: login vs hashing ceiling', {
    cores,
    'bcrypt cost': COST,
    [`hash ms (median of ${HASH_SAMPLES})`]: hashMs.toFixed(1),
    'ceiling logins/s': ceiling.toFixed(1),
    'login path ÷ ceiling (at 3x)': (overload.signedIn / ceiling).toFixed(2),
    'signed in at 3x ÷ at 0.8x': (overload.signedIn / Math.max(0.001, normal.signedIn)).toFixed(2),
  });
}

type LoginRun = {
  offered: number;
  total: number;
  signedIn: number;
  acceptedP99: number;
  refused: number;
  refusedP99: number;
  other: number;
};

const LOGIN_SECONDS = Number(process.env.AUTH_BENCH_SECONDS ?? 10);

const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] ?? 0;
};

/** Sends logins at `rate` a second for LOGIN_SECONDS, each from its own address, and tallies the answers. */
async function loginsAtRate(baseUrl: string, rate: number, ipOffset: number): Promise<LoginRun> {
  const accepted: number[] = [];
  const refused: number[] = [];
  let other = 0;
  const sent: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.round(rate * LOGIN_SECONDS);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sent.push(
      (async () => {
        const t0 = performance.now();
        try {
          const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
            method: 'POST',
            headers: { ...jsonHeaders(baseUrl), 'x-forwarded-for': loadIp(ipOffset + i) },
            body: loginBody,
          });
          await res.arrayBuffer();
          const ms = performance.now() - t0;
          if (res.status === 200) accepted.push(ms);
          else if (res.status === 503) refused.push(ms);
          else other++;
        } catch {
          other++;
        }
      })(),
    );
  }
  await Promise.all(sent);
  return {
    offered: rate,
    total,
    signedIn: accepted.length / LOGIN_SECONDS,
    acceptedP99: p99(accepted),
    refused: refused.length,
    refusedP99: p99(refused),
    other,
  };
}
