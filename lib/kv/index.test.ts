import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createBridge, type Bridge } from '@/bridge/server';
import { resetEnvForTests } from '@/lib/config/env';
import { log } from '@/lib/log';
import {
  createMemoryKv,
  createUpstashKv,
  getKv,
  kvAvailable,
  kvHealth,
  resetKvForTests,
  withKv,
  type Kv,
} from '@/lib/kv';

const TOKEN = inject('bridgeToken');
const COOLDOWN_MS = 200;

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const readThrough = (kv: Kv, key: string) => kv.get<string>(key);

afterEach(() => {
  vi.restoreAllMocks();
  resetKvForTests();
});

describe('getKv', () => {
  const upstashVariables = () => {
    process.env.UPSTASH_REDIS_REST_URL = inject('bridgeUrl');
    process.env.UPSTASH_REDIS_REST_TOKEN = TOKEN;
  };

  afterAll(() => {
    process.env.REDIS_URL = inject('redisUrl');
    delete process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    resetEnvForTests();
  });

  it('uses Redis over TCP when REDIS_URL is set, one instance per process, and says so', async () => {
    upstashVariables();
    resetEnvForTests();
    const info = vi.spyOn(log, 'info');
    const kv = getKv();
    expect(kv.kind).toBe('redis');
    expect(getKv()).toBe(kv);
    expect(await kv.ping()).toBe(true);
    expect(info).toHaveBeenCalledWith({ kv: 'redis' }, expect.stringMatching(/Redis over TCP/));
    expect(await kvHealth()).toMatchObject({ kind: 'redis', ok: true, breaker: 'closed' });
  });

  it('uses Redis over REST when only the Upstash variables are set', async () => {
    delete process.env.REDIS_URL;
    upstashVariables();
    resetEnvForTests();
    const kv = getKv();
    expect(kv.kind).toBe('upstash');
    expect(await kv.ping()).toBe(true);
  });

  it('falls back to the in-process store when no Redis is configured', async () => {
    delete process.env.REDIS_URL;
    delete process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    resetEnvForTests();
    const kv = getKv();
    expect(kv.kind).toBe('memory');
    await kv.set('index-test:memory', 'here');
    expect(await getKv().get('index-test:memory')).toBe('here');
    expect(await kvHealth()).toMatchObject({ kind: 'memory', ok: true, breaker: 'closed' });
  });
});

describe('withKv', () => {
  it('returns what the store answers while Redis is up', async () => {
    const kv = createUpstashKv({ url: inject('bridgeUrl'), token: TOKEN });
    resetKvForTests({ kv, cooldownMs: COOLDOWN_MS });
    await kv.set('index-test:up', 'from redis');
    expect(
      await withKv(
        (k) => readThrough(k, 'index-test:up'),
        () => 'from postgres',
      ),
    ).toBe('from redis');
    expect(kvAvailable()).toBe(true);
  });

  it('serves the fallback quickly and warns once per outage when nothing answers at the address', async () => {
    const port = await closedPort();
    resetKvForTests({
      kv: createUpstashKv({ url: `http://127.0.0.1:${port}`, token: TOKEN }),
      cooldownMs: 60_000,
    });
    const warn = vi.spyOn(log, 'warn');
    const reads = vi.fn(readThrough);

    const started = Date.now();
    expect(
      await withKv(
        (k) => reads(k, 'x'),
        () => 'from postgres',
      ),
    ).toBe('from postgres');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(kvAvailable()).toBe(false);

    // While the breaker is open, Redis is not even tried.
    expect(
      await withKv(
        (k) => reads(k, 'x'),
        async () => 'from postgres',
      ),
    ).toBe('from postgres');
    expect(
      await withKv(
        (k) => reads(k, 'x'),
        () => 'from postgres',
      ),
    ).toBe('from postgres');
    expect(reads).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toMatch(/Redis unavailable/);
  });

  it('serves the fallback when the REST bridge is up but its Redis is down', async () => {
    const dead = createBridge({
      redisUrl: 'redis://127.0.0.1:1',
      token: TOKEN,
      connectTimeoutMs: 300,
    });
    const { url } = await dead.listen(0, '127.0.0.1');
    try {
      resetKvForTests({ kv: createUpstashKv({ url, token: TOKEN }), cooldownMs: COOLDOWN_MS });
      expect(
        await withKv(
          (k) => k.incr('index-test:n'),
          () => -1,
        ),
      ).toBe(-1);
      expect(kvAvailable()).toBe(false);
      const health = await kvHealth();
      expect(health).toMatchObject({ kind: 'upstash', ok: false, breaker: 'open' });
      expect(health.error).toMatch(/Redis is unavailable/);
    } finally {
      await dead.close();
    }
  });

  describe('when the bridge goes away and comes back', () => {
    let bridge: Bridge;
    let url: string;
    let port: number;

    beforeAll(async () => {
      bridge = createBridge({ redisUrl: inject('redisUrl'), token: TOKEN });
      ({ url } = await bridge.listen(0, '127.0.0.1'));
      port = Number(new URL(url).port);
    });

    afterAll(async () => {
      await bridge.close();
    });

    it('opens the breaker, lets one probe through after the cooldown, and closes again on success', async () => {
      const kv = createUpstashKv({ url, token: TOKEN });
      resetKvForTests({ kv, cooldownMs: COOLDOWN_MS });
      await kv.set('index-test:recover', 'cached');
      const warn = vi.spyOn(log, 'warn');
      const info = vi.spyOn(log, 'info');
      const read = () =>
        withKv(
          (k) => readThrough(k, 'index-test:recover'),
          () => 'from postgres',
        );

      await bridge.close();
      expect(await read()).toBe('from postgres');
      expect(kvAvailable()).toBe(false);

      bridge = createBridge({ redisUrl: inject('redisUrl'), token: TOKEN });
      await bridge.listen(port, '127.0.0.1');
      // Still within the cooldown: the fallback is served although Redis is back.
      expect(await read()).toBe('from postgres');

      await sleep(COOLDOWN_MS + 50);
      expect(kvAvailable()).toBe(true);
      expect(await read()).toBe('cached');
      expect(kvAvailable()).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(info.mock.calls.some(([message]) => /available again/.test(String(message)))).toBe(
        true,
      );
      expect(await kvHealth()).toMatchObject({ kind: 'upstash', ok: true, breaker: 'closed' });
    });

    it('lets a single probe through in half-open state while the others keep the fallback', async () => {
      const port = await closedPort();
      resetKvForTests({
        kv: createUpstashKv({ url: `http://127.0.0.1:${port}`, token: TOKEN }),
        cooldownMs: COOLDOWN_MS,
      });
      const reads = vi.fn(readThrough);
      await withKv(
        (k) => reads(k, 'x'),
        () => null,
      );
      await sleep(COOLDOWN_MS + 50);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () =>
          withKv(
            (k) => reads(k, 'x'),
            () => 'fallback',
          ),
        ),
      );
      expect(answers).toStrictEqual(Array(5).fill('fallback'));
      expect(reads).toHaveBeenCalledTimes(2);
      expect(kvAvailable()).toBe(false);
    });
  });

  it('serves the fallback for a Redis error reply without treating it as an outage', async () => {
    const kv = createUpstashKv({ url: inject('bridgeUrl'), token: TOKEN });
    resetKvForTests({ kv, cooldownMs: COOLDOWN_MS });
    const error = vi.spyOn(log, 'error');
    await kv.set('index-test:text', 'abc');
    expect(
      await withKv(
        (k) => k.incr('index-test:text'),
        () => 0,
      ),
    ).toBe(0);
    expect(kvAvailable()).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it("lets errors from the caller's own code propagate", async () => {
    resetKvForTests({ kv: createMemoryKv(), cooldownMs: COOLDOWN_MS });
    await expect(
      withKv(
        async () => {
          throw new TypeError('bug in the caller');
        },
        () => 'fallback',
      ),
    ).rejects.toThrow('bug in the caller');
    expect(kvAvailable()).toBe(true);
  });
});

describe('kvHealth', () => {
  it('reports kind, success and latency for a live Redis', async () => {
    resetKvForTests({
      kv: createUpstashKv({ url: inject('bridgeUrl'), token: TOKEN }),
      cooldownMs: COOLDOWN_MS,
    });
    const health = await kvHealth();
    expect(health).toMatchObject({ kind: 'upstash', ok: true, breaker: 'closed' });
    expect(health.latencyMs).toBeGreaterThan(0);
    expect(health.latencyMs).toBeLessThan(1000);
    expect(health).not.toHaveProperty('error');
  });
});
