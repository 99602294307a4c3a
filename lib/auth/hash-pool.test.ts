import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/config/env';
import { UnavailableError } from '@/lib/errors';
import {
  assertHashCapacity,
  closeHashPool,
  compareInPool,
  hashInPool,
  hashPoolStats,
} from './hash-pool';
import { burnPasswordCheck, needsRehash } from './password';

function setPool(threads: string | undefined, queue: string | undefined, maxWaitMs?: string) {
  for (const [k, v] of [
    ['HASH_POOL_THREADS', threads],
    ['HASH_QUEUE_LIMIT', queue],
    ['HASH_MAX_WAIT_MS', maxWaitMs],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

afterEach(async () => {
  setPool(undefined, undefined);
  await closeHashPool();
});

describe('the password hashing pool', () => {
  it('hashes and verifies bcrypt passwords in worker threads', async () => {
    const hash = await hashInPool('correct horse', 4);
    expect(hash).toMatch(/^\$2b\$04\$/);
    expect(await compareInPool('correct horse', hash)).toBe(true);
    expect(await compareInPool('wrong horse', hash)).toBe(false);
    expect(bcrypt.compareSync('correct horse', hash)).toBe(true);
  });

  it('keeps the event loop free while hashing', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await hashInPool('slow on purpose', 12);
    clearInterval(timer);
    // A cost-12 hash on the main thread would freeze every tick for a third of a second.
    expect(ticks).toBeGreaterThan(10);
  });

  it('refuses new work at once when threads and queue are full', async () => {
    setPool('1', '1');
    await closeHashPool();
    const running = [hashInPool('one', 12), hashInPool('two', 12)];
    expect(hashPoolStats().inFlight).toBe(2);
    expect(() => assertHashCapacity()).toThrow(UnavailableError);
    await expect(compareInPool('three', await bcrypt.hash('x', 4))).rejects.toMatchObject({
      status: 503,
      retryAfterSeconds: 1,
    });
    await Promise.all(running);
    expect(hashPoolStats().inFlight).toBe(0);
    expect(() => assertHashCapacity()).not.toThrow();
  });

  it('refuses a check that would wait longer than HASH_MAX_WAIT_MS, judged from measured checks', async () => {
    setPool('1', undefined, '150');
    await closeHashPool();
    // Cost-12 checks take about a third of a second here: the pool learns it.
    for (let i = 0; i < 3; i++) await hashInPool('measure me', 12);
    expect(hashPoolStats().hashMs).toBeGreaterThan(150);
    const running = hashInPool('occupies the only thread', 12);
    expect(() => assertHashCapacity()).toThrow(UnavailableError);
    await running;
    expect(() => assertHashCapacity()).not.toThrow();

    // Quick checks (cost 4) let many wait, since each wait is short.
    for (let i = 0; i < 25; i++) await hashInPool('quick', 4);
    const quick = Array.from({ length: 8 }, () => hashInPool('quick', 4));
    expect(() => assertHashCapacity()).not.toThrow();
    await Promise.all(quick);
  });

  it('spends a full bcrypt comparison when there is no account to compare against', async () => {
    const started = performance.now();
    await burnPasswordCheck('anything');
    expect(performance.now() - started).toBeGreaterThan(0);
    process.env.BCRYPT_COST = '12';
    resetEnvForTests();
    try {
      const slow = performance.now();
      await burnPasswordCheck('anything');
      expect(performance.now() - slow).toBeGreaterThan(100);
    } finally {
      process.env.BCRYPT_COST = '4';
      resetEnvForTests();
    }
  });

  it('flags hashes made at another cost for an upgrade', async () => {
    expect(needsRehash(await bcrypt.hash('x', 4))).toBe(false);
    expect(needsRehash(await bcrypt.hash('x', 5))).toBe(true);
    expect(needsRehash('not a hash')).toBe(false);
  });
});
