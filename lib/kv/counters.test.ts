import { describe, expect, it } from 'vitest';
import { KvCommandError } from '@/lib/kv';
import { kvStores, kvUnderTest } from '@/tests/support/kv-stores';

/** The conditional counters behind the flash-sale stock gate, against every store. */
describe.each(kvStores)('conditional counters on the %s', (_name, make) => {
  const { kv, key } = kvUnderTest(make, 'counters');

  describe('decrbyIfAtLeast', () => {
    it('takes units while enough are left and answers the new value, down to exactly zero', async () => {
      await kv.set(key('stock'), 5);
      expect(await kv.decrbyIfAtLeast(key('stock'), 2)).toBe(3);
      expect(await kv.decrbyIfAtLeast(key('stock'), 3)).toBe(0);
      expect(await kv.get(key('stock'))).toBe(0);
    });

    it('answers -1 and changes nothing when fewer units are left than asked for', async () => {
      await kv.set(key('stock'), 2);
      expect(await kv.decrbyIfAtLeast(key('stock'), 3)).toBe(-1);
      expect(await kv.get(key('stock'))).toBe(2);
      await kv.set(key('empty'), 0);
      expect(await kv.decrbyIfAtLeast(key('empty'), 1)).toBe(-1);
      expect(await kv.get(key('empty'))).toBe(0);
    });

    it('answers null and writes nothing when the key does not exist', async () => {
      expect(await kv.decrbyIfAtLeast(key('missing'), 1)).toBeNull();
      expect(await kv.exists(key('missing'))).toBe(false);
    });

    it("keeps the key's expiry", async () => {
      await kv.set(key('stock'), 10, { ex: 60 });
      expect(await kv.decrbyIfAtLeast(key('stock'), 4)).toBe(6);
      expect(await kv.pttl(key('stock'))).toBeGreaterThan(55_000);
      // A refused take leaves the expiry too.
      expect(await kv.decrbyIfAtLeast(key('stock'), 7)).toBe(-1);
      expect(await kv.pttl(key('stock'))).toBeGreaterThan(55_000);
    });

    it('reads counters written by incrby as well as by set', async () => {
      await kv.incrby(key('stock'), 3);
      expect(await kv.decrbyIfAtLeast(key('stock'), 1)).toBe(2);
      expect(await kv.incr(key('stock'))).toBe(3);
    });

    it('refuses values that are not integers, as DECRBY does, instead of calling them too few', async () => {
      await kv.set(key('text'), 'abc');
      await kv.set(key('float'), 1.5);
      // A JSON string is stored with its quotes, so it is no integer to Redis either.
      await kv.set(key('quoted'), '5');
      await kv.zadd(key('z'), { member: 'm', score: 1 });
      await expect(kv.decrbyIfAtLeast(key('text'), 1)).rejects.toThrow(KvCommandError);
      await expect(kv.decrbyIfAtLeast(key('float'), 5)).rejects.toThrow(/not an integer/);
      await expect(kv.decrbyIfAtLeast(key('quoted'), 9)).rejects.toThrow(/not an integer/);
      await expect(kv.decrbyIfAtLeast(key('z'), 1)).rejects.toThrow(/WRONGTYPE/);
      expect(await kv.get(key('text'))).toBe('abc');
    });

    it('refuses an amount that is not a positive integer', async () => {
      await kv.set(key('stock'), 5);
      await expect(kv.decrbyIfAtLeast(key('stock'), 0)).rejects.toThrow(KvCommandError);
      await expect(kv.decrbyIfAtLeast(key('stock'), -1)).rejects.toThrow(/positive/);
      await expect(kv.decrbyIfAtLeast(key('stock'), 1.5)).rejects.toThrow(/not an integer/);
      await expect(kv.decrbyIfAtLeast(key('missing'), 0)).rejects.toThrow(KvCommandError);
      expect(await kv.get(key('stock'))).toBe(5);
    });

    it('sells exactly the stock to 200 concurrent buyers of 50 units, never going below zero', async () => {
      await kv.set(key('stock'), 50);
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => kv.decrbyIfAtLeast(key('stock'), 1)),
      );
      const sold = answers.filter((n): n is number => n !== null && n >= 0);
      expect(sold).toHaveLength(50);
      expect(new Set(sold)).toStrictEqual(new Set(Array.from({ length: 50 }, (_, i) => i)));
      expect(answers.filter((n) => n === -1)).toHaveLength(150);
      expect(await kv.get(key('stock'))).toBe(0);
    });

    it('hands out whole batches only when buyers take several units at once', async () => {
      await kv.set(key('stock'), 100);
      const answers = await Promise.all(
        Array.from({ length: 60 }, () => kv.decrbyIfAtLeast(key('stock'), 3)),
      );
      expect(answers.filter((n) => n !== null && n >= 0)).toHaveLength(33);
      expect(await kv.get(key('stock'))).toBe(1);
    });
  });

  describe('incrbyIfExists', () => {
    it('adds to an existing counter and keeps its expiry', async () => {
      await kv.set(key('stock'), 3, { ex: 60 });
      expect(await kv.incrbyIfExists(key('stock'), 2)).toBe(5);
      expect(await kv.incrbyIfExists(key('stock'), -1)).toBe(4);
      expect(await kv.get(key('stock'))).toBe(4);
      expect(await kv.pttl(key('stock'))).toBeGreaterThan(55_000);
    });

    it('answers null and writes nothing when the key does not exist', async () => {
      expect(await kv.incrbyIfExists(key('missing'), 1)).toBeNull();
      expect(await kv.exists(key('missing'))).toBe(false);
    });

    it('refuses values and amounts that are not integers', async () => {
      await kv.set(key('text'), 'abc');
      await kv.set(key('stock'), 1);
      await kv.zadd(key('z'), { member: 'm', score: 1 });
      await expect(kv.incrbyIfExists(key('text'), 1)).rejects.toThrow(/not an integer/);
      await expect(kv.incrbyIfExists(key('stock'), 0.5)).rejects.toThrow(/not an integer/);
      await expect(kv.incrbyIfExists(key('z'), 1)).rejects.toThrow(/WRONGTYPE/);
      expect(await kv.get(key('stock'))).toBe(1);
    });

    it('gives back every unit when many callers return stock at once', async () => {
      await kv.set(key('stock'), 0);
      await Promise.all(Array.from({ length: 100 }, () => kv.incrbyIfExists(key('stock'), 1)));
      expect(await kv.get(key('stock'))).toBe(100);
    });
  });
});
