import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createMemoryKv } from './memory';

describe('the in-process store', () => {
  it('evicts the least recently written keys once it holds maxKeys', async () => {
    const kv = createMemoryKv({ maxKeys: 3 });
    await kv.set('a', 1);
    await kv.set('b', 2);
    await kv.set('c', 3);
    await kv.set('a', 10);
    await kv.set('d', 4);
    expect(await kv.mget('a', 'b', 'c', 'd')).toStrictEqual([10, null, 3, 4]);
    kv.close();
  });

  it('makes room by dropping expired keys before evicting live ones', async () => {
    const kv = createMemoryKv({ maxKeys: 2 });
    await kv.set('live', 1);
    await kv.set('short', 2, { px: 20 });
    await sleep(40);
    await kv.set('new', 3);
    expect(await kv.mget('live', 'short', 'new')).toStrictEqual([1, null, 3]);
    kv.close();
  });

  it('rejects values that JSON cannot represent', async () => {
    const kv = createMemoryKv();
    await expect(kv.set('k', undefined)).rejects.toThrow(/JSON/);
    kv.close();
  });
});
