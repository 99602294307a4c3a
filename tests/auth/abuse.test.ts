import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { POST as register } from '@/app/api/v1/auth/register/route';
import { POST as login } from '@/app/api/v1/auth/login/route';
import { POST as recovery } from '@/app/api/v1/auth/recovery/route';
import { closeHashPool } from '@/lib/auth/hash-pool';
import { createUpstashKv, resetKvForTests } from '@/lib/kv';
import { resetLocalRateLimits } from '@/lib/ratelimit';
import {
  apiRequest,
  awayFromWindowEdge,
  bodyOf,
  ctx,
  randomIp,
  setEnv,
  uniqueEmail,
} from './support';

const PASSWORD = 'correct horse battery';

const loginAs = (email: string, password: string, ip?: string, headers?: Record<string, string>) =>
  login(apiRequest('/api/v1/auth/login', { body: { email, password }, ip, headers }), ctx());

async function signUp(email = uniqueEmail('abuse')) {
  const res = await register(
    apiRequest('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Max' } }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return email;
}

async function expectRateLimited(res: Response, windowSeconds: number) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(await bodyOf(res)).toEqual({
    error: { code: 'rate_limited', message: expect.any(String) },
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

afterEach(async () => {
  setEnv({
    TRUST_PROXY: 'true',
    RATE_LIMIT_LOGIN_EMAIL: undefined,
    RATE_LIMIT_LOGIN_IP: undefined,
    RATE_LIMIT_REGISTER_EMAIL: undefined,
    RATE_LIMIT_REGISTER_IP: undefined,
    RATE_LIMIT_RECOVERY_EMAIL: undefined,
    RATE_LIMIT_RECOVERY_IP: undefined,
    BCRYPT_COST: '4',
    HASH_POOL_THREADS: undefined,
    HASH_QUEUE_LIMIT: undefined,
  });
  resetKvForTests();
  resetLocalRateLimits();
  await closeHashPool();
});

describe('rate limits', () => {
  beforeEach(() => awayFromWindowEdge());

  it('limits logins per email from any address, known or unknown, with Retry-After', async () => {
    setEnv({ RATE_LIMIT_LOGIN_EMAIL: '3/60' });
    const known = await signUp();
    const unknown = uniqueEmail('ghost');
    for (const email of [known, unknown]) {
      for (let i = 0; i < 3; i++) expect((await loginAs(email, 'wrong password')).status).toBe(401);
      await expectRateLimited(await loginAs(email, PASSWORD), 60);
    }
    // Another account is not affected.
    expect((await loginAs(await signUp(), PASSWORD)).status).toBe(200);
  });

  it('limits logins per client address across emails', async () => {
    setEnv({ RATE_LIMIT_LOGIN_IP: '3/60' });
    const ip = randomIp();
    for (let i = 0; i < 3; i++)
      expect((await loginAs(uniqueEmail(), 'wrong password', ip)).status).toBe(401);
    await expectRateLimited(await loginAs(uniqueEmail(), 'wrong password', ip), 60);
    expect((await loginAs(uniqueEmail(), 'wrong password')).status).toBe(401);
  });

  it('limits registrations per address and per email', async () => {
    setEnv({ RATE_LIMIT_REGISTER_IP: '2/3600', RATE_LIMIT_REGISTER_EMAIL: '2/3600' });
    const ip = randomIp();
    const attempt = (email: string, from = ip) =>
      register(
        apiRequest('/api/v1/auth/register', {
          body: { email, password: PASSWORD, name: 'Max' },
          ip: from,
        }),
        ctx(),
      );
    expect((await attempt(uniqueEmail())).status).toBe(201);
    expect((await attempt(uniqueEmail())).status).toBe(201);
    await expectRateLimited(await attempt(uniqueEmail()), 3600);

    const email = uniqueEmail('taken');
    expect((await attempt(email, randomIp())).status).toBe(201);
    expect((await attempt(email, randomIp())).status).toBe(409);
    await expectRateLimited(await attempt(email, randomIp()), 3600);
  });

  it('limits recovery requests per address and per email, for unknown emails too', async () => {
    setEnv({ RATE_LIMIT_RECOVERY_IP: '2/3600', RATE_LIMIT_RECOVERY_EMAIL: '2/3600' });
    const ask = (email: string, ip?: string) =>
      recovery(apiRequest('/api/v1/auth/recovery', { body: { email }, ip }), ctx());
    const ghost = uniqueEmail('ghost');
    expect((await ask(ghost)).status).toBe(202);
    expect((await ask(ghost)).status).toBe(202);
    await expectRateLimited(await ask(ghost), 3600);

    const ip = randomIp();
    expect((await ask(uniqueEmail(), ip)).status).toBe(202);
    expect((await ask(uniqueEmail(), ip)).status).toBe(202);
    await expectRateLimited(await ask(uniqueEmail(), ip), 3600);
  });

  it('counts attempts on every instance together, because the counters live in Redis', async () => {
    setEnv({ RATE_LIMIT_LOGIN_EMAIL: '4/60' });
    const email = uniqueEmail('shared');
    const instances = [0, 1].map(() =>
      createUpstashKv({ url: inject('bridgeUrl'), token: inject('bridgeToken') }),
    );
    for (let i = 0; i < 4; i++) {
      resetKvForTests({ kv: instances[i % 2]! });
      expect((await loginAs(email, 'wrong password')).status).toBe(401);
    }
    resetKvForTests({ kv: instances[0]! });
    await expectRateLimited(await loginAs(email, 'wrong password'), 60);
  });

  it('keeps limiting in-process when Redis is down', async () => {
    setEnv({ RATE_LIMIT_LOGIN_EMAIL: '2/60' });
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:1', token: 'unused-token-0123456789' }),
      cooldownMs: 60_000,
    });
    const email = uniqueEmail('offline');
    expect((await loginAs(email, 'wrong password')).status).toBe(401);
    expect((await loginAs(email, 'wrong password')).status).toBe(401);
    await expectRateLimited(await loginAs(email, 'wrong password'), 60);
  });

  it('puts every client in one bucket when the proxy is not trusted, whatever X-Forwarded-For says', async () => {
    setEnv({ TRUST_PROXY: 'false', RATE_LIMIT_LOGIN_IP: '3/60' });
    const results = [];
    for (let i = 0; i < 3; i++)
      results.push((await loginAs(uniqueEmail(), 'wrong password', randomIp())).status);
    const fourth = await loginAs(uniqueEmail(), 'wrong password', randomIp());
    // Earlier tests may have used the shared bucket too, so it is full by the fourth attempt at the latest.
    expect([...results, fourth.status]).toContain(429);
    await expectRateLimited(fourth, 60);
  });
});

describe('enumeration by timing', () => {
  it('spends comparable time on unknown emails and on wrong passwords', async () => {
    setEnv({ BCRYPT_COST: '10' });
    const email = await signUp();
    const time = async (who: string) => {
      const started = performance.now();
      expect((await loginAs(who, 'wrong password')).status).toBe(401);
      return performance.now() - started;
    };
    await time(email);
    await time(uniqueEmail());
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(email));
      unknown.push(await time(uniqueEmail('ghost')));
    }
    // Cost 10 is tens of milliseconds of bcrypt: an unknown email must pay it too.
    expect(median(unknown)).toBeGreaterThan(20);
    expect(median(unknown) / median(known)).toBeGreaterThan(0.6);
    expect(median(unknown) / median(known)).toBeLessThan(1.6);
  });
});

describe('hashing pool saturation', () => {
  it('answers 503 with Retry-After at once instead of queueing when the pool is full', async () => {
    setEnv({ BCRYPT_COST: '12', HASH_POOL_THREADS: '1', HASH_QUEUE_LIMIT: '0' });
    await closeHashPool();
    const email = uniqueEmail('busy');
    const first = register(
      apiRequest('/api/v1/auth/register', { body: { email, password: PASSWORD, name: 'Max' } }),
      ctx(),
    );
    // Give the first request time to reach the pool, then knock while it is hashing.
    await new Promise((r) => setTimeout(r, 60));
    const started = performance.now();
    const refused = await loginAs(uniqueEmail(), PASSWORD);
    const elapsed = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await bodyOf(refused)) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(elapsed).toBeLessThan(100);

    const busyRegister = await register(
      apiRequest('/api/v1/auth/register', {
        body: { email: uniqueEmail(), password: PASSWORD, name: 'Max' },
      }),
      ctx(),
    );
    expect(busyRegister.status).toBe(503);

    expect((await first).status).toBe(201);
    expect((await loginAs(email, PASSWORD)).status).toBe(200);
  });
});
