// New shoppers going through the account cycle: register → me → logout → login. Register and
// login each cost the server one bcrypt hash, so this load is bound by the hash pool.
//   k6 run -e BASE_URL=http://127.0.0.1:3000 k6/auth.js
/* global __ENV, __VU, __ITER */
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import { Counter, Rate } from 'k6/metrics';

const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const VUS = Number(__ENV.VUS || 10);
const P99_MS = Number(__ENV.P99_MS || 2000);
const THINK_SECONDS = Number(__ENV.THINK_SECONDS || 1);
const PASSWORD = 'k6-load-password-1';
/** A refused client waits as told, but a long window should not idle the VU for the whole run. */
const MAX_BACKOFF_SECONDS = 5;

// 429 (rate limited) and 503 (hash pool full, Retry-After) are the shop protecting itself under
// load: expected answers, measured as a share instead of counted as failed requests.
const refused = new Rate('auth_refused');
const accountsCreated = new Counter('auth_accounts_created');
const logins = new Counter('auth_logins');

const CREATED_OR_REFUSED = http.expectedStatuses(201, 429, 503);
const OK_OR_REFUSED = http.expectedStatuses(200, 429, 503);

const thresholds = {
  http_req_failed: ['rate<0.01'],
  http_req_duration: [`p(99)<${P99_MS}`],
  checks: ['rate>0.99'],
};
// Off by default: with the shop's default limits, refusals are the expected result of this load.
if (__ENV.MAX_REFUSED) thresholds.auth_refused = [`rate<${Number(__ENV.MAX_REFUSED)}`];

// ITERATIONS bounds the run instead: each VU goes through that many cycles, then stops. Every cycle
// registers one account, so a smoke test (e.g. VUS=2 ITERATIONS=1) knows what it costs the limits.
const ITERATIONS = Number(__ENV.ITERATIONS || 0);
const accounts =
  ITERATIONS > 0
    ? {
        executor: 'per-vu-iterations',
        vus: VUS,
        iterations: ITERATIONS,
        maxDuration: __ENV.MAX_DURATION || '2m',
      }
    : {
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: __ENV.RAMP || '30s', target: VUS },
          { duration: __ENV.HOLD || '2m', target: VUS },
          { duration: __ENV.RAMP_DOWN || '15s', target: 0 },
        ],
        gracefulRampDown: '10s',
      };

export const options = {
  scenarios: { accounts },
  thresholds,
};

export function setup() {
  // Emails must be new on every run against the same database.
  return { run: Date.now().toString(36) };
}

/**
 * One client address per VU. The shop only reads X-Forwarded-For when TRUST_PROXY is set; without
 * it every VU shares one "unknown" bucket and the per-IP limits apply to the whole test.
 */
function vuAddress() {
  return `10.${(__VU >> 16) & 255}.${(__VU >> 8) & 255}.${__VU & 255}`;
}

function bodyOf(res) {
  try {
    return res.json();
    // k6 v0.48 cannot parse `catch {` without a binding, so the error is named and left unused.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
  } catch (e) {
    return null;
  }
}

function wasRefused(res) {
  return res.status === 429 || res.status === 503;
}

function backOff(res) {
  const seconds = Number(res.headers['Retry-After']) || 1;
  sleep(Math.min(seconds, MAX_BACKOFF_SECONDS));
}

export default function accountCycle(data) {
  const email = `k6-${data.run}-${__VU}-${__ITER}@bench.test`;
  const address = { 'x-forwarded-for': vuAddress() };
  const jsonHeaders = Object.assign({ 'content-type': 'application/json' }, address);

  const registered = group('register', () => {
    const res = http.post(
      `${BASE_URL}/api/v1/auth/register`,
      JSON.stringify({ email, password: PASSWORD, name: `Load shopper ${__VU}` }),
      {
        headers: jsonHeaders,
        responseCallback: CREATED_OR_REFUSED,
        tags: { name: 'POST /api/v1/auth/register' },
      },
    );
    const body = bodyOf(res);
    refused.add(wasRefused(res));
    check(res, {
      'register is 201, or 429/503 when refused': (r) => r.status === 201 || wasRefused(r),
      'register answers with the new account': (r) =>
        wasRefused(r) || (body !== null && body.user !== undefined && body.user.email === email),
    });
    if (res.status === 201) {
      accountsCreated.add(1);
      return true;
    }
    if (wasRefused(res)) backOff(res);
    return false;
  });
  if (!registered) return;

  // The session cookie from register sits in this VU's cookie jar from here on.
  group('me', () => {
    const res = http.get(`${BASE_URL}/api/v1/auth/me`, {
      headers: address,
      tags: { name: 'GET /api/v1/auth/me' },
    });
    const body = bodyOf(res);
    check(res, {
      'me is 200': (r) => r.status === 200,
      'me is the account just registered': () => body !== null && body.email === email,
    });
  });
  sleep(Math.random() * THINK_SECONDS);

  group('logout', () => {
    const res = http.post(`${BASE_URL}/api/v1/auth/logout`, null, {
      headers: address,
      tags: { name: 'POST /api/v1/auth/logout' },
    });
    check(res, { 'logout is 204': (r) => r.status === 204 });
  });
  sleep(Math.random() * THINK_SECONDS);

  group('login', () => {
    const res = http.post(
      `${BASE_URL}/api/v1/auth/login`,
      JSON.stringify({ email, password: PASSWORD }),
      {
        headers: jsonHeaders,
        responseCallback: OK_OR_REFUSED,
        tags: { name: 'POST /api/v1/auth/login' },
      },
    );
    const body = bodyOf(res);
    refused.add(wasRefused(res));
    check(res, {
      'login is 200, or 429/503 when refused': (r) => r.status === 200 || wasRefused(r),
      'login answers with the account': (r) =>
        wasRefused(r) || (body !== null && body.user !== undefined && body.user.email === email),
    });
    if (res.status === 200) logins.add(1);
    if (wasRefused(res)) backOff(res);
  });
  sleep(Math.random() * THINK_SECONDS);
}
