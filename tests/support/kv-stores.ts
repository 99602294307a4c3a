import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, inject } from 'vitest';
import { createMemoryKv, createRedisKv, createUpstashKv, type Kv } from '@/lib/kv';

/**
 * Every store of the Kv contract, for the suites that must hold against all of them: the
 * in-process store, and the two adapters on this run's real Redis (over REST through the bridge,
 * and over TCP).
 */
export const kvStores: Array<[name: string, make: () => Kv]> = [
  ['in-process store', () => createMemoryKv()],
  [
    'Upstash client through the REST bridge',
    () => createUpstashKv({ url: inject('bridgeUrl'), token: inject('bridgeToken') }),
  ],
  ['native Redis adapter', () => createRedisKv({ url: inject('redisUrl') })],
];

/** Stops what a store keeps running (a sweep timer, a Redis connection). */
export async function closeKvStore(kv: Kv): Promise<void> {
  if ('close' in kv && typeof kv.close === 'function') await (kv as { close(): unknown }).close();
}

/**
 * Makes the store for one suite and gives each test its own key prefix under `namespace`; the
 * suite's keys are deleted and the store closed at the end.
 */
export function kvUnderTest(make: () => Kv, namespace: string) {
  const kv = make();
  let prefix = '';
  beforeEach(() => {
    prefix = `${namespace}:${kv.kind}:${randomUUID()}`;
  });
  afterAll(async () => {
    await kv.delPattern(`${namespace}:${kv.kind}:*`);
    await closeKvStore(kv);
  });
  return { kv, key: (name: string) => `${prefix}:${name}` };
}
