/**
 * Auth: what signing in and staying signed in cost. A login is one bcrypt check, so its throughput
 * is compared with this machine's hashing ceiling (cores ÷ one hash at BCRYPT_COST, timed here in
 * the same run); the session check behind every signed-in request is compared with the trivial
 * JSON route measured just before it.
 *   BENCH_ONLY=auth npm run bench   (AUTH_BENCH_CONNECTIONS to change the login concurrency)
 */
import { availableParallelism } from 'node:os';
import type autocannon from 'autocannon';
import bcrypt from 'bcryptjs';
import type { BenchContext } from './scenarios';

const EMAIL = 'shopper@arcade.test';
const PASSWORD = 'arcade-shopper-1';
/** The cost run.ts hands the server, with the same default: the ceiling must price the same work. */
const COST = Number(process.env.BCRYPT_COST ?? 10);
const HASH_SAMPLES = 10;
/**
 * Each login holds a hash-pool slot for a whole bcrypt check; 16 keeps the pool busy on any
 * machine while staying under its default admission limit (threads + HASH_QUEUE_LIMIT 32), so a
 * 503 here means the pool refused work it should have queued.
 */
const LOGIN_CONNECTIONS = Number(process.env.AUTH_BENCH_CONNECTIONS ?? 16);
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
    if (!bcrypt.compareSync(PASSWORD, hash)) throw new Error('auth: bcryptjs rejected its own hash');
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
  if (!cookie.includes('session-token=')) throw new Error('auth: the login response set no session cookie');
  return cookie;
}

async function meStatus(baseUrl: string, cookie: string): Promise<{ status: number; email?: string }> {
  const res = await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { cookie } });
  const body = (await res.json().catch(() => ({}))) as { email?: string };
  return { status: res.status, email: body.email };
}

const share = (count: number, total: number) => (total ? `${((100 * count) / total).toFixed(1)}%` : 'n/a');

export async function auth({ baseUrl, measure, report: record }: BenchContext): Promise<void> {
  // run.ts prints the figures table with the columns of its first line only; lines with other
  // columns would lose them there, so each line is also printed in full as it is made.
  const report = (name: string, figures: Record<string, string | number>) => {
    record(name, figures);
    console.log(`${name}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  };

  // --- Session check: one login, then the same cookie on every request.
  const cookie = await signIn(baseUrl);
  const before = await meStatus(baseUrl, cookie);
  if (before.status !== 200 || before.email !== EMAIL) {
    throw new Error(`auth: GET /api/v1/auth/me with a fresh session answered ${before.status}`);
  }
  // The run's baseline is not handed to scenarios; one measured next to this load is also the
  // fairer comparison on a shared machine.
  const ping = await measure({ name: 'GET /api/v1/ping (auth: adjacent baseline)', url: `${baseUrl}/api/v1/ping` });
  const me = await measure({ name: 'GET /api/v1/auth/me (session check)', url: `${baseUrl}/api/v1/auth/me`, headers: { cookie } });
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
    verdict: me.requests > 0 && me.non2xx === 0 && me.errors === 0 && after.status === 200 ? 'ok' : 'FAILED',
  });

  // --- Logins: every request a full password check, each from its own address.
  const cores = availableParallelism();
  const hashMs = hashMilliseconds();
  const ceiling = (cores * 1000) / hashMs;

  // measure() runs a warm-up load and then the measured one with these same request objects.
  // The two runs never overlap and autocannon counts a response exactly when it calls
  // onResponse, so the measured run's statuses are the last `requests` ones recorded.
  const statuses: number[] = [];
  let next = 0;
  const loginRequest: autocannon.Request = {
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': loadIp(next++) } }),
    onResponse: (status) => {
      statuses.push(status);
    },
  };
  const login = await measure({
    name: 'POST /api/v1/auth/login (bcrypt per request)',
    url: `${baseUrl}/api/v1/auth/login`,
    method: 'POST',
    headers: jsonHeaders(baseUrl),
    body: loginBody,
    connections: LOGIN_CONNECTIONS,
    requests: [loginRequest],
  });
  const measured = statuses.slice(Math.max(0, statuses.length - login.requests));
  const count = (test: (status: number) => boolean) => measured.filter(test).length;
  const ok = count((s) => s >= 200 && s < 300);
  const limited = count((s) => s === 429);
  const busy = count((s) => s === 503);
  // Refusals are cheap and would flatter the figure: only signed-in answers count as logins.
  const signedInPerSecond = measured.length ? (login.rps * ok) / measured.length : 0;
  report('auth: login vs hashing ceiling', {
    cores,
    'bcrypt cost': COST,
    [`hash ms (median of ${HASH_SAMPLES})`]: hashMs.toFixed(1),
    'ceiling logins/s': ceiling.toFixed(1),
    'req/s': login.rps.toFixed(1),
    '2xx logins/s': signedInPerSecond.toFixed(1),
    'ratio to ceiling': (signedInPerSecond / ceiling).toFixed(2),
    '2xx': share(ok, measured.length),
    '429': share(limited, measured.length),
    '503': share(busy, measured.length),
    other: share(measured.length - ok - limited - busy, measured.length),
    'p99 ms': login.p99,
    connections: LOGIN_CONNECTIONS,
    errors: login.errors,
    // The tally and autocannon must agree on the measured run, or the shares above are wrong.
    'status tally': measured.length === login.requests && measured.length - ok === login.non2xx ? 'ok' : 'MISMATCH',
  });
}
