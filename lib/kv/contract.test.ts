import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { KvCommandError } from '@/lib/kv';
import { kvStores, kvUnderTest } from '@/tests/support/kv-stores';

/**
 * One contract for every store: what passes here against the in-process store also holds
 * against real Redis, over TCP and behind the REST bridge, and the other way round.
 */
describe.each(kvStores)('the %s', (_name, make) => {
  const { kv, key } = kvUnderTest(make, 'contract');

  describe('values', () => {
    it('reads back objects, arrays, numbers, booleans and unicode strings exactly as written', async () => {
      const values: unknown[] = [
        {
          id: 7,
          title: 'Hollow Knight',
          tags: ['metroidvania', 'indie'],
          price: { cents: 1499, currency: 'EUR' },
        },
        [1, 'two', null, { three: 3 }],
        42,
        -3.25,
        0,
        true,
        false,
        'héllo wörld · 日本語 · 🎮👾',
        '',
        'OK',
        '123',
        'true',
        '{"looks":"like json"}',
        'line\nbreak\ttab "quotes" \\ backslash \u0000 nul',
      ];
      for (const [i, value] of values.entries()) {
        expect(await kv.set(key(`v${i}`), value)).toBe(true);
      }
      for (const [i, value] of values.entries()) {
        expect(await kv.get(key(`v${i}`))).toStrictEqual(value);
      }
    });

    it('returns null for a key that was never written', async () => {
      expect(await kv.get(key('missing'))).toBeNull();
      expect(await kv.exists(key('missing'))).toBe(false);
    });

    it('mget returns values in key order with null for missing keys', async () => {
      await kv.set(key('a'), { n: 1 });
      await kv.set(key('c'), 'three');
      expect(await kv.mget(key('a'), key('b'), key('c'))).toStrictEqual([{ n: 1 }, null, 'three']);
      expect(await kv.mget()).toStrictEqual([]);
    });

    it('deletes keys and counts only those that existed', async () => {
      await kv.set(key('a'), 1);
      await kv.zadd(key('z'), { member: 'm', score: 1 });
      expect(await kv.del(key('a'), key('z'), key('missing'))).toBe(2);
      expect(await kv.exists(key('a'))).toBe(false);
      expect(await kv.exists(key('z'))).toBe(false);
      expect(await kv.del()).toBe(0);
    });

    it('answers ping', async () => {
      expect(await kv.ping()).toBe(true);
    });
  });

  describe('expiry', () => {
    it('drops a key set with px once its time to live has passed', async () => {
      await kv.set(key('short'), 'soon gone', { px: 100 });
      expect(await kv.get(key('short'))).toBe('soon gone');
      const ttl = await kv.pttl(key('short'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(100);
      await sleep(160);
      expect(await kv.get(key('short'))).toBeNull();
      expect(await kv.exists(key('short'))).toBe(false);
      expect(await kv.pttl(key('short'))).toBe(-2);
    });

    it('counts ex in seconds', async () => {
      await kv.set(key('ex'), 1, { ex: 2 });
      const ttl = await kv.pttl(key('ex'));
      expect(ttl).toBeGreaterThan(1500);
      expect(ttl).toBeLessThanOrEqual(2000);
    });

    it('clears an earlier expiry when a key is set again without one', async () => {
      await kv.set(key('k'), 1, { px: 5000 });
      await kv.set(key('k'), 2);
      expect(await kv.pttl(key('k'))).toBe(-1);
    });

    it('reports -1 for a key without expiry and -2 for a missing key', async () => {
      await kv.set(key('forever'), 'x');
      expect(await kv.pttl(key('forever'))).toBe(-1);
      expect(await kv.pttl(key('missing'))).toBe(-2);
    });

    it('expire and pexpire set a time to live on existing keys only', async () => {
      expect(await kv.expire(key('missing'), 10)).toBe(false);
      expect(await kv.pexpire(key('missing'), 100)).toBe(false);
      await kv.set(key('k'), 'v');
      expect(await kv.expire(key('k'), 10)).toBe(true);
      const ttl = await kv.pttl(key('k'));
      expect(ttl).toBeGreaterThan(9000);
      expect(ttl).toBeLessThanOrEqual(10_000);
      expect(await kv.pexpire(key('k'), 100)).toBe(true);
      expect(await kv.pttl(key('k'))).toBeLessThanOrEqual(100);
      await sleep(160);
      expect(await kv.exists(key('k'))).toBe(false);
    });

    it('deletes the key at once when pexpire is given a time that is not positive', async () => {
      await kv.set(key('k'), 'v');
      expect(await kv.pexpire(key('k'), 0)).toBe(true);
      expect(await kv.exists(key('k'))).toBe(false);
    });

    it('expires sorted sets too', async () => {
      await kv.zadd(key('z'), { member: 'a', score: 1 });
      expect(await kv.pexpire(key('z'), 80)).toBe(true);
      await sleep(140);
      expect(await kv.zcard(key('z'))).toBe(0);
    });

    it('rejects an expiry that is zero or negative', async () => {
      await expect(kv.set(key('k'), 1, { px: 0 })).rejects.toThrow(/invalid expire time/);
      await expect(kv.set(key('k'), 1, { ex: -1 })).rejects.toThrow(/invalid expire time/);
      expect(await kv.exists(key('k'))).toBe(false);
    });
  });

  describe('locks', () => {
    it('set with nx lets only the first caller take a lock until it expires', async () => {
      expect(await kv.set(key('lock'), 'owner-1', { nx: true, px: 100 })).toBe(true);
      expect(await kv.set(key('lock'), 'owner-2', { nx: true, px: 100 })).toBe(false);
      expect(await kv.get(key('lock'))).toBe('owner-1');
      await sleep(160);
      expect(await kv.set(key('lock'), 'owner-2', { nx: true, px: 100 })).toBe(true);
      expect(await kv.get(key('lock'))).toBe('owner-2');
    });

    it('hands a lock to exactly one of many concurrent callers', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          kv.set(key('race'), `owner-${i}`, { nx: true, ex: 5 }),
        ),
      );
      expect(attempts.filter(Boolean)).toHaveLength(1);
    });

    it('delIfEquals releases a lock only for the holder of its token', async () => {
      await kv.set(key('lock'), 'owner-1', { nx: true, px: 5000 });
      expect(await kv.delIfEquals(key('lock'), 'owner-2')).toBe(false);
      expect(await kv.get(key('lock'))).toBe('owner-1');
      expect(await kv.delIfEquals(key('lock'), 'owner-1')).toBe(true);
      expect(await kv.exists(key('lock'))).toBe(false);
      expect(await kv.delIfEquals(key('lock'), 'owner-1')).toBe(false);
      expect(await kv.delIfEquals(key('missing'), 'anyone')).toBe(false);
    });

    it('delIfEquals leaves alone a lock that expired and was taken by another holder', async () => {
      await kv.set(key('lock'), 'slow-owner', { nx: true, px: 80 });
      await sleep(140);
      expect(await kv.set(key('lock'), 'next-owner', { nx: true, px: 5000 })).toBe(true);
      // The slow holder finishes late and releases what it believes is its lock.
      expect(await kv.delIfEquals(key('lock'), 'slow-owner')).toBe(false);
      expect(await kv.get(key('lock'))).toBe('next-owner');
    });

    it('delIfEquals compares values as set stores them', async () => {
      await kv.set(key('n'), 7);
      await kv.set(key('obj'), { token: 'a' });
      // The string "7" is not the number 7.
      expect(await kv.delIfEquals(key('n'), '7')).toBe(false);
      expect(await kv.delIfEquals(key('n'), 7)).toBe(true);
      expect(await kv.delIfEquals(key('obj'), { token: 'a' })).toBe(true);
      await kv.zadd(key('z'), { member: 'a', score: 1 });
      await expect(kv.delIfEquals(key('z'), 'a')).rejects.toThrow(/WRONGTYPE/);
      expect(await kv.zcard(key('z'))).toBe(1);
    });

    it('delIfEquals lets exactly one of many concurrent releases through', async () => {
      await kv.set(key('lock'), 'owner', { px: 5000 });
      const released = await Promise.all(
        Array.from({ length: 20 }, () => kv.delIfEquals(key('lock'), 'owner')),
      );
      expect(released.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('counters', () => {
    it('incr and incrby count from zero', async () => {
      expect(await kv.incr(key('n'))).toBe(1);
      expect(await kv.incr(key('n'))).toBe(2);
      expect(await kv.incrby(key('n'), 5)).toBe(7);
      expect(await kv.incrby(key('n'), -10)).toBe(-3);
      expect(await kv.get(key('n'))).toBe(-3);
      expect(await kv.incrby(key('fresh'), 40)).toBe(40);
    });

    it('increments a number stored with set and keeps its expiry', async () => {
      await kv.set(key('n'), 41, { px: 5000 });
      expect(await kv.incr(key('n'))).toBe(42);
      expect(await kv.pttl(key('n'))).toBeGreaterThan(0);
    });

    it('refuses to increment a value that is not an integer, as Redis does', async () => {
      await kv.set(key('text'), 'abc');
      await kv.set(key('float'), 1.5);
      await kv.set(key('numeric-string'), '5');
      await expect(kv.incr(key('text'))).rejects.toThrow(KvCommandError);
      await expect(kv.incr(key('float'))).rejects.toThrow(/not an integer/);
      // A JSON string is stored with its quotes, so it is not an integer to Redis either.
      await expect(kv.incrby(key('numeric-string'), 1)).rejects.toThrow(/not an integer/);
      await expect(kv.incrby(key('n'), 1.5)).rejects.toThrow(/not an integer/);
      expect(await kv.get(key('text'))).toBe('abc');
    });
  });

  describe('sorted sets', () => {
    it('zadd counts only new members and zscore reads scores back', async () => {
      expect(await kv.zadd(key('z'), { member: 'a', score: 1 }, { member: 'b', score: 2 })).toBe(2);
      expect(await kv.zadd(key('z'), { member: 'a', score: 3 }, { member: 'c', score: 0.5 })).toBe(
        1,
      );
      expect(await kv.zadd(key('z'))).toBe(0);
      expect(await kv.zscore(key('z'), 'a')).toBe(3);
      expect(await kv.zscore(key('z'), 'c')).toBe(0.5);
      expect(await kv.zscore(key('z'), 'missing')).toBeNull();
      expect(await kv.zscore(key('nowhere'), 'a')).toBeNull();
      expect(await kv.zcard(key('z'))).toBe(3);
      expect(await kv.zcard(key('nowhere'))).toBe(0);
    });

    it('zincrby creates members and accumulates fractional and negative increments', async () => {
      expect(await kv.zincrby(key('z'), 2.5, 'game-1')).toBe(2.5);
      expect(await kv.zincrby(key('z'), 1, 'game-1')).toBe(3.5);
      expect(await kv.zincrby(key('z'), -0.25, 'game-1')).toBe(3.25);
      expect(await kv.zscore(key('z'), 'game-1')).toBe(3.25);
    });

    it('zrem removes members and the set disappears once empty', async () => {
      await kv.zadd(key('z'), { member: 'a', score: 1 }, { member: 'b', score: 2 });
      expect(await kv.zrem(key('z'), 'a', 'missing')).toBe(1);
      expect(await kv.zrem(key('z'))).toBe(0);
      expect(await kv.zrem(key('z'), 'b')).toBe(1);
      expect(await kv.zcard(key('z'))).toBe(0);
      expect(await kv.exists(key('z'))).toBe(false);
      expect(await kv.zrem(key('nowhere'), 'a')).toBe(0);
    });

    it('zrange orders by score, then by member bytes for ties, and rev reverses both', async () => {
      await kv.zadd(
        key('z'),
        { member: 'b', score: 1 },
        { member: 'é', score: 1 },
        { member: 'a', score: 1 },
        { member: 'B', score: 1 },
        { member: '🎮', score: 1 },
        { member: '\uffee', score: 1 },
        { member: 'top', score: 10 },
        { member: 'low', score: -2.5 },
      );
      const ascending = ['low', 'B', 'a', 'b', 'é', '\uffee', '🎮', 'top'];
      const range = await kv.zrange(key('z'), 0, -1);
      expect(range.map((m) => m.member)).toStrictEqual(ascending);
      expect(range[0]).toStrictEqual({ member: 'low', score: -2.5 });
      const reversed = await kv.zrange(key('z'), 0, -1, { rev: true });
      expect(reversed.map((m) => m.member)).toStrictEqual([...ascending].reverse());
      expect(reversed[0]).toStrictEqual({ member: 'top', score: 10 });
    });

    it('zrange takes negative indexes from the end and clamps out-of-range ones', async () => {
      await kv.zadd(
        key('z'),
        ...['a', 'b', 'c', 'd', 'e'].map((member, score) => ({ member, score })),
      );
      const members = async (start: number, stop: number, rev = false) =>
        (await kv.zrange(key('z'), start, stop, { rev })).map((m) => m.member);
      expect(await members(-2, -1)).toStrictEqual(['d', 'e']);
      expect(await members(1, 1)).toStrictEqual(['b']);
      expect(await members(0, 2, true)).toStrictEqual(['e', 'd', 'c']);
      expect(await members(-1, -1, true)).toStrictEqual(['a']);
      expect(await members(-100, 0)).toStrictEqual(['a']);
      expect(await members(3, 100)).toStrictEqual(['d', 'e']);
      expect(await members(5, 10)).toStrictEqual([]);
      expect(await members(3, 1)).toStrictEqual([]);
      expect(await kv.zrange(key('nowhere'), 0, -1)).toStrictEqual([]);
    });

    it('refuses to read a sorted set as a value, while mget reads it as missing', async () => {
      await kv.zadd(key('z'), { member: 'a', score: 1 });
      await kv.set(key('s'), 's');
      await expect(kv.get(key('z'))).rejects.toThrow(/WRONGTYPE/);
      await expect(kv.zadd(key('s'), { member: 'a', score: 1 })).rejects.toThrow(/WRONGTYPE/);
      expect(await kv.mget(key('s'), key('z'))).toStrictEqual(['s', null]);
    });
  });

  describe('delPattern', () => {
    it('removes every key matching the glob and nothing else', async () => {
      await kv.set(key('cache:game:1'), 1);
      await kv.set(key('cache:game:2'), 2);
      await kv.zadd(key('cache:game:top'), { member: 'a', score: 1 });
      await kv.set(key('cache:genre:1'), 3);
      await kv.set(key('session:1'), 4);
      expect(await kv.delPattern(`${key('cache:game:')}*`)).toBe(3);
      expect(await kv.exists(key('cache:game:1'))).toBe(false);
      expect(await kv.exists(key('cache:genre:1'))).toBe(true);
      expect(await kv.exists(key('session:1'))).toBe(true);
      expect(await kv.delPattern(`${key('cache:')}*`)).toBe(1);
      expect(await kv.delPattern(`${key('nothing:')}*`)).toBe(0);
    });

    it('walks past one scan batch when many keys match', async () => {
      const writes = kv.pipeline();
      for (let i = 0; i < 1200; i++) writes.set(key(`bulk:${i}`), i);
      await writes.exec();
      expect(await kv.delPattern(`${key('bulk:')}*`)).toBe(1200);
      expect(await kv.exists(key('bulk:0'))).toBe(false);
    });
  });

  describe('pipelines', () => {
    it('run their commands in order and return each result in its own shape', async () => {
      const results = await kv
        .pipeline()
        .set(key('a'), { n: 1 })
        .get(key('a'))
        .set(key('a'), 'again', { nx: true })
        .incr(key('n'))
        .incrby(key('n'), 9)
        .expire(key('n'), 60)
        .pexpire(key('missing'), 100)
        .pttl(key('a'))
        .zadd(key('z'), { member: 'x', score: 1 }, { member: 'y', score: 2 })
        .zincrby(key('z'), 0.5, 'x')
        .del(key('a'), key('missing'))
        .get(key('a'))
        .exec();
      expect(results).toStrictEqual([
        true,
        { n: 1 },
        false,
        1,
        10,
        true,
        false,
        -1,
        2,
        1.5,
        1,
        null,
      ]);
      expect(await kv.pttl(key('n'))).toBeGreaterThan(59_000);
    });

    it('apply every other command when one fails, then reject with the Redis error', async () => {
      await kv.set(key('text'), 'abc');
      const run = kv.pipeline().set(key('first'), 1).incr(key('text')).incr(key('after')).exec();
      await expect(run).rejects.toThrow(/not an integer/);
      expect(await kv.get(key('first'))).toBe(1);
      expect(await kv.get(key('after'))).toBe(1);
    });

    it('read several values at once with mget, in key order', async () => {
      await kv.set(key('a'), { n: 1 });
      await kv.zadd(key('z'), { member: 'm', score: 1 });
      const results = await kv
        .pipeline()
        .mget(key('a'), key('missing'), key('z'))
        .mget()
        .set(key('b'), 'two')
        .mget(key('b'))
        .exec();
      expect(results).toStrictEqual([[{ n: 1 }, null, null], [], true, ['two']]);
    });

    it('resolve to no results when empty', async () => {
      expect(await kv.pipeline().exec()).toStrictEqual([]);
      expect(await kv.pipeline().del().zadd(key('z')).exec()).toStrictEqual([0, 0]);
    });
  });
});
