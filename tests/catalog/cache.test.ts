import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryCount } from '@/db/client';
import { createCache, cacheStats, invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { getProduct, getProductPage, listProducts } from '@/lib/catalog';
import { queryProduct } from '@/lib/catalog/repository';
import { NotFoundError } from '@/lib/errors';
import { createUpstashKv, getKv, resetKvForTests } from '@/lib/kv';
import { createFixture, setPrice, type Fixture } from './fixtures';

let f: Fixture;
// Another instance's view of the shared Redis, over REST: it must see what the app wrote over TCP.
const redis = () => createUpstashKv({ url: inject('bridgeUrl'), token: inject('bridgeToken') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const namespace = () => `test-${randomBytes(4).toString('hex')}`;

/** Counts statements sent to Postgres while `fn` runs. */
async function queriesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = queryCount();
  await fn();
  return queryCount() - before;
}

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Cache Comet',
      priceCents: 1999,
      stock: 3,
      rating: 4,
      ratingCount: 10,
      releaseDate: '2024-02-02',
      platforms: ['PC'],
    },
    {
      title: 'Cache Nebula',
      priceCents: 2999,
      stock: 3,
      rating: 4,
      ratingCount: 10,
      releaseDate: '2024-02-02',
      platforms: ['PC'],
    },
  ]);
  await invalidateCatalog();
});

afterEach(() => {
  resetKvForTests();
});

describe('the catalog cache', () => {
  it('answers a repeated listing and product read without querying Postgres', async () => {
    const query = { category: f.categorySlug, sort: 'price_asc' } as const;
    const cold = await listProducts(query);
    expect(await queriesDuring(() => listProducts(query))).toBe(0);
    expect(await listProducts(query)).toEqual(cold);

    const slug = f.slugs.get('Cache Comet')!;
    await getProduct(slug);
    expect(await queriesDuring(() => getProduct(slug))).toBe(0);
  });

  it('reads a product page (game and similar games) as one entry, and caches an unknown slug as a miss', async () => {
    const slug = f.slugs.get('Cache Comet')!;
    const cold = await getProductPage(slug);
    expect(cold.product.title).toBe('Cache Comet');
    expect(cold.similar.length).toBeLessThanOrEqual(6);
    expect(cold.similar.map((p) => p.title)).not.toContain('Cache Comet');
    expect(await queriesDuring(() => getProductPage(slug))).toBe(0);

    await expect(getProductPage('no-such-game-page')).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await queriesDuring(() =>
        expect(getProductPage('no-such-game-page')).rejects.toBeInstanceOf(NotFoundError),
      ),
    ).toBe(0);
    expect(
      await queriesDuring(() =>
        expect(getProductPage('../etc/passwd')).rejects.toBeInstanceOf(NotFoundError),
      ),
    ).toBe(0);
  });

  it('serves a value another instance loaded from Redis, without loading it again', async () => {
    const slug = f.slugs.get('Cache Nebula')!;
    const mine = await getProduct(slug);
    const other = createCache({ namespace: 'catalog', kv: redis() });
    let loads = 0;
    const theirs = await other.read(`product:${slug}`, async () => {
      loads++;
      return queryProduct(slug);
    });
    expect(loads).toBe(0);
    expect(theirs).toEqual(mine);
  });

  it('shows fresh data after a write and invalidateCatalog, on this instance and on another one', async () => {
    const slug = f.slugs.get('Cache Comet')!;
    const other = createCache({ namespace: 'catalog', kv: redis(), coherenceMs: 100 });
    const readOther = () => other.read(`product:${slug}`, () => queryProduct(slug));
    expect((await getProduct(slug)).priceCents).toBe(1999);
    expect((await readOther())?.priceCents).toBe(1999);

    await setPrice(f.ids.get('Cache Comet')!, 2499);
    // Without invalidation both instances keep serving what they cached: the cache is real.
    expect((await getProduct(slug)).priceCents).toBe(1999);
    expect((await readOther())?.priceCents).toBe(1999);

    await invalidateCatalog();
    expect((await getProduct(slug)).priceCents).toBe(2499);
    await sleep(150);
    expect((await readOther())?.priceCents).toBe(2499);
  });

  it('remembers briefly that a slug does not exist', async () => {
    const before = cacheStats();
    await expect(getProduct('no-such-game-cached')).rejects.toBeInstanceOf(NotFoundError);
    const queries = await queriesDuring(() =>
      expect(getProduct('no-such-game-cached')).rejects.toBeInstanceOf(NotFoundError),
    );
    expect(queries).toBe(0);
    expect(cacheStats().negativeHits).toBe(before.negativeHits + 1);
  });

  it('lets a negative entry expire after its short lifetime', async () => {
    const cache = createCache({
      namespace: namespace(),
      kv: redis(),
      negativeTtlSeconds: 1,
      coherenceMs: 0,
    });
    let loads = 0;
    const load = async () => {
      loads++;
      return loads > 1 ? 'now it exists' : null;
    };
    expect(await cache.read('slug', load)).toBeNull();
    expect(await cache.read('slug', load)).toBeNull();
    expect(loads).toBe(1);
    await sleep(1200);
    expect(await cache.read('slug', load)).toBe('now it exists');
  });

  it('runs one load for 100 concurrent misses of the same key', async () => {
    const cache = createCache({ namespace: namespace(), kv: redis() });
    let loads = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        cache.read('hot', async () => {
          loads++;
          await sleep(50);
          return { value: 42 };
        }),
      ),
    );
    expect(loads).toBe(1);
    expect(results.every((r) => r?.value === 42)).toBe(true);
  });

  it('runs one load when 100 misses arrive at two instances at once', async () => {
    const ns = namespace();
    const a = createCache({ namespace: ns, kv: redis() });
    const b = createCache({ namespace: ns, kv: redis() });
    let loads = 0;
    const loader = async () => {
      loads++;
      await sleep(150);
      return 'shared';
    };
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).read('hot', loader)),
    );
    expect(loads).toBe(1);
    expect(new Set(results)).toEqual(new Set(['shared']));
    expect(a.stats().waits + b.stats().waits).toBe(1);
  });

  it('runs one catalog query for 100 concurrent requests of a cold listing', async () => {
    const before = cacheStats().loads;
    const query = { category: f.categorySlug, sort: 'newest', pageSize: 7 } as const;
    const pages = await Promise.all(Array.from({ length: 100 }, () => listProducts(query)));
    expect(cacheStats().loads - before).toBe(1);
    expect(new Set(pages.map((p) => p.total))).toEqual(new Set([2]));
  });

  it('loads anyway when the instance holding the lock never delivers', async () => {
    const ns = namespace();
    const cache = createCache({ namespace: ns, kv: redis(), waitMs: 200, pollMs: 20 });
    await getKv().set(`cache:${ns}:lock:stuck`, 'crashed-instance', { px: 60_000 });
    const started = Date.now();
    expect(await cache.read('stuck', async () => 'loaded here')).toBe('loaded here');
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    expect(cache.stats()).toMatchObject({ loads: 1, waits: 1 });
  });

  it('spreads expiry times within 15% of the configured lifetime', async () => {
    const ns = namespace();
    const cache = createCache({ namespace: ns, kv: redis(), ttlSeconds: () => 100 });
    const kv = getKv();
    const ttls: number[] = [];
    for (let i = 0; i < 20; i++) {
      await cache.read(`k${i}`, async () => i);
      ttls.push(await kv.pttl(cache.dataKey(`k${i}`)));
    }
    for (const ttl of ttls) {
      expect(ttl).toBeGreaterThan(84_000);
      expect(ttl).toBeLessThanOrEqual(115_000);
    }
    expect(new Set(ttls.map((t) => Math.round(t / 1000))).size).toBeGreaterThan(3);
  });

  it('keeps catalog reads working from Postgres while Redis is down', async () => {
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'unreachable', timeoutMs: 200 }),
      cooldownMs: 60_000,
    });
    resetCatalogCacheForTests();
    const page = await listProducts({ category: f.categorySlug, sort: 'price_asc' });
    expect(page.items.map((p) => p.title)).toEqual(['Cache Comet', 'Cache Nebula']);
    expect((await getProductPage(f.slugs.get('Cache Nebula')!)).product.title).toBe('Cache Nebula');
    await expect(getProductPage('still-not-a-game')).rejects.toBeInstanceOf(NotFoundError);
    expect((await getProduct(f.slugs.get('Cache Nebula')!)).title).toBe('Cache Nebula');
    await expect(getProduct('still-not-a-game')).rejects.toBeInstanceOf(NotFoundError);
    expect(cacheStats().bypasses).toBeGreaterThanOrEqual(3);
    // Without Redis every read is a database read: nothing stale can be served.
    expect(await queriesDuring(() => getProduct(f.slugs.get('Cache Nebula')!))).toBeGreaterThan(0);
    resetCatalogCacheForTests();
  });

  it('applies an invalidation made while Redis was down once Redis is back, for every instance', async () => {
    const ns = namespace();
    const link = { down: false };
    const real = redis();
    // The same Redis, reached through a connection we can cut.
    const flaky = new Proxy(real, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (link.down) throw new Error('connection refused');
          return value.apply(target, args);
        };
      },
    });
    const cache = createCache({ namespace: ns, kv: flaky, coherenceMs: 0 });
    const other = createCache({ namespace: ns, kv: redis(), coherenceMs: 0 });
    let generation = 1;
    const load = async () => `generation ${generation}`;
    expect(await cache.read('k', load)).toBe('generation 1');
    expect(await other.read('k', load)).toBe('generation 1');

    link.down = true;
    generation = 2;
    await cache.invalidate();
    expect(await cache.read('k', load)).toBe('generation 2');
    expect(cache.stats().bypasses).toBe(1);

    link.down = false;
    expect(await cache.read('k', load)).toBe('generation 2');
    expect(await other.read('k', load)).toBe('generation 2');
  });
});
