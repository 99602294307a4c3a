import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { hitWindows, type RateRule } from './window';

const rule: RateRule = { name: 'test', limit: 3, windowSeconds: 60 };
// A moment 15 s into a 60 s window.
const T0 = 1_800_000_015_000;

let kv: Kv & { close?: () => void };
const fresh = () => (kv = createMemoryKv());

afterEach(() => kv?.close?.());

describe('fixed-window rate limiting', () => {
  it('allows up to the limit and refuses the next attempt with the seconds left in the window', async () => {
    fresh();
    for (let i = 1; i <= 3; i++) {
      const [r] = await hitWindows(kv, [{ rule, subject: 'a' }], T0);
      expect(r).toMatchObject({ allowed: true, count: i, remaining: 3 - i, retryAfterSeconds: 0 });
    }
    const [refused] = await hitWindows(kv, [{ rule, subject: 'a' }], T0 + 5_000);
    expect(refused).toMatchObject({
      allowed: false,
      count: 4,
      remaining: 0,
      retryAfterSeconds: 40,
    });
  });

  it('starts counting afresh in the next window', async () => {
    fresh();
    for (let i = 0; i < 4; i++) await hitWindows(kv, [{ rule, subject: 'a' }], T0);
    const [next] = await hitWindows(kv, [{ rule, subject: 'a' }], T0 + 45_000);
    expect(next).toMatchObject({ allowed: true, count: 1 });
  });

  it('keeps subjects and rules apart', async () => {
    fresh();
    for (let i = 0; i < 4; i++) await hitWindows(kv, [{ rule, subject: 'a' }], T0);
    const [other] = await hitWindows(kv, [{ rule, subject: 'b' }], T0);
    const [otherRule] = await hitWindows(
      kv,
      [{ rule: { ...rule, name: 'other' }, subject: 'a' }],
      T0,
    );
    expect(other?.allowed).toBe(true);
    expect(otherRule?.allowed).toBe(true);
  });

  it('counts several checks in one call and reports each', async () => {
    fresh();
    const tight: RateRule = { name: 'tight', limit: 1, windowSeconds: 10 };
    await hitWindows(kv, [{ rule: tight, subject: 'x' }], T0);
    const results = await hitWindows(
      kv,
      [
        { rule, subject: 'x' },
        { rule: tight, subject: 'x' },
      ],
      T0,
    );
    expect(results.map((r) => r.allowed)).toEqual([true, false]);
    expect(results[1]?.retryAfterSeconds).toBe(5);
  });

  it('keeps counting refused attempts, so hammering never earns an early pass', async () => {
    fresh();
    for (let i = 0; i < 10; i++) await hitWindows(kv, [{ rule, subject: 'a' }], T0);
    const [r] = await hitWindows(kv, [{ rule, subject: 'a' }], T0 + 1_000);
    expect(r?.count).toBe(11);
    expect(r?.allowed).toBe(false);
  });

  it('lets its keys expire shortly after their window', async () => {
    fresh();
    const now = Date.now();
    await hitWindows(
      kv,
      [{ rule: { name: 'ttl', limit: 1, windowSeconds: 2 }, subject: 'a' }],
      now,
    );
    const index = Math.floor(now / 2_000);
    const ttl = await kv.pttl(`rl:ttl:a:${index}`);
    expect(ttl).toBeGreaterThan(2_000);
    expect(ttl).toBeLessThanOrEqual(7_000);
  });

  it('does nothing for an empty list of checks', async () => {
    fresh();
    expect(await hitWindows(kv, [])).toEqual([]);
  });
});
