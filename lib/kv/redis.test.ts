import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis as IORedis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import {
  createRedisKv,
  createUpstashKv,
  KvCommandError,
  KvUnavailableError,
  kvAvailable,
  resetKvForTests,
  withKv,
  type Kv,
} from '@/lib/kv';
import type { RedisKv } from './redis';

/** What only the native adapter has to show: connection handling, errors, and its data format. */

const opened: RedisKv[] = [];
function nativeKv(url = inject('redisUrl'), options: { connectionName?: string } = {}): RedisKv {
  const kv = createRedisKv({ url, ...options });
  opened.push(kv);
  return kv;
}

const prefix = `redis-adapter:${randomUUID()}`;
const key = (name: string) => `${prefix}:${name}`;

afterEach(() => {
  resetKvForTests();
});

afterAll(async () => {
  const kv = nativeKv();
  await kv.delPattern(`${prefix}:*`);
  await Promise.all(opened.map((kv) => kv.close()));
});

/** Nothing listens on port 9: connections are refused at once. */
const UNREACHABLE = 'redis://127.0.0.1:9';

describe('the native Redis adapter', () => {
  it('serves the first commands issued while its connection is still being opened', async () => {
    const kv = nativeKv();
    const answers = await Promise.all([
      kv.set(key('early'), 'first'),
      kv.ping(),
      kv.incr(key('early-count')),
      kv.pipeline().incr(key('early-count')).exec(),
    ]);
    expect(answers).toStrictEqual([true, true, 1, [2]]);
  });

  it('fails with KvUnavailableError within a bounded time when Redis is unreachable', async () => {
    const kv = nativeKv(UNREACHABLE);
    const started = Date.now();
    await expect(kv.get(key('x'))).rejects.toThrow(KvUnavailableError);
    await expect(kv.set(key('x'), 1)).rejects.toThrow(KvUnavailableError);
    await expect(kv.pipeline().incr(key('x')).exec()).rejects.toThrow(KvUnavailableError);
    await expect(kv.decrbyIfAtLeast(key('x'), 1)).rejects.toThrow(KvUnavailableError);
    await expect(kv.ping()).rejects.toThrow(/Redis is unavailable/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('lets withKv serve the fallback and open the breaker when Redis is unreachable', async () => {
    resetKvForTests({ kv: nativeKv(UNREACHABLE), cooldownMs: 60_000 });
    const started = Date.now();
    expect(
      await withKv(
        (kv) => kv.get<string>(key('x')),
        () => 'from postgres',
      ),
    ).toBe('from postgres');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(kvAvailable()).toBe(false);
  });

  it('turns a Redis error reply into KvCommandError, which keeps the breaker closed', async () => {
    const kv = nativeKv();
    await kv.set(key('text'), 'abc');
    await expect(kv.incr(key('text'))).rejects.toThrow(KvCommandError);
    await expect(kv.incr(key('text'))).rejects.toThrow(/^ERR value is not an integer/);
    await expect(kv.pipeline().incr(key('text')).exec()).rejects.toThrow(KvCommandError);
    resetKvForTests({ kv, cooldownMs: 60_000 });
    expect(
      await withKv(
        (k) => k.incr(key('text')),
        () => -1,
      ),
    ).toBe(-1);
    expect(kvAvailable()).toBe(true);
  });

  it('comes back by itself after its connection is dropped, without resending anything', async () => {
    const name = `arcade-test-${randomUUID().slice(0, 8)}`;
    const kv = nativeKv(inject('redisUrl'), { connectionName: name });
    expect(await kv.incr(key('drops'))).toBe(1);
    const admin = new IORedis(inject('redisUrl'), { maxRetriesPerRequest: 1 });
    try {
      const clients = String(await admin.call('CLIENT', 'LIST'));
      const id = /id=(\d+) .*name=(\S+)/
        .exec(clients.split('\n').find((line) => line.includes(`name=${name} `)) ?? '')
        ?.at(1);
      expect(id).toBeDefined();
      await admin.call('CLIENT', 'KILL', 'ID', id!);
    } finally {
      await admin.quit();
    }
    // Either it already reconnected or it says Redis is away; it never waits long.
    const started = Date.now();
    await kv.incr(key('drops')).catch((err: unknown) => {
      expect(err).toBeInstanceOf(KvUnavailableError);
    });
    expect(Date.now() - started).toBeLessThan(1500);
    let count: number | undefined;
    for (let attempt = 0; attempt < 40 && count === undefined; attempt++) {
      await sleep(100);
      count = await kv.get<number>(key('drops')).then(
        (value) => value ?? undefined,
        () => undefined,
      );
    }
    expect([1, 2]).toContain(count);
  });

  it('stops for good once closed', async () => {
    const kv = nativeKv();
    expect(await kv.ping()).toBe(true);
    await kv.close();
    await expect(kv.ping()).rejects.toThrow(KvUnavailableError);
    await kv.close();
  });
});

describe('values shared by the native and the Upstash adapters on one Redis', () => {
  const values: unknown[] = [
    { id: 7, title: 'Hollow Knight', tags: ['metroidvania'], price: { cents: 1499 } },
    [1, 'two', null],
    42,
    -3.25,
    true,
    'héllo wörld · 日本語 · 🎮👾',
    '',
    'OK',
    '123',
    'line\nbreak "quotes" \\ \u0000 nul',
  ];
  const native = () => nativeKv();
  const upstash = () => createUpstashKv({ url: inject('bridgeUrl'), token: inject('bridgeToken') });

  async function crossCheck(writer: Kv, reader: Kv, side: string) {
    for (const [i, value] of values.entries()) await writer.set(key(`${side}:${i}`), value);
    for (const [i, value] of values.entries()) {
      expect(await reader.get(key(`${side}:${i}`))).toStrictEqual(value);
    }
    expect(await reader.mget(key(`${side}:0`), key(`${side}:missing`))).toStrictEqual([
      values[0],
      null,
    ]);
  }

  it('reads back through the Upstash adapter what the native adapter wrote', async () => {
    await crossCheck(native(), upstash(), 'from-native');
  });

  it('reads back through the native adapter what the Upstash adapter wrote', async () => {
    await crossCheck(upstash(), native(), 'from-upstash');
  });

  it('shares counters, expiries and sorted sets between the two adapters', async () => {
    const [a, b] = [native(), upstash()];
    await a.set(key('stock'), 10, { ex: 60 });
    expect(await b.decrbyIfAtLeast(key('stock'), 4)).toBe(6);
    expect(await a.incrbyIfExists(key('stock'), 1)).toBe(7);
    expect(await b.pttl(key('stock'))).toBeGreaterThan(55_000);
    await b.zadd(key('board'), { member: 'a', score: 1.5 }, { member: 'b', score: 3 });
    expect(await a.zincrby(key('board'), 1, 'a')).toBe(2.5);
    expect(await a.zrange(key('board'), 0, -1, { rev: true })).toStrictEqual(
      await b.zrange(key('board'), 0, -1, { rev: true }),
    );
  });
});
