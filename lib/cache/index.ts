import 'server-only';
import { env } from '@/lib/config/env';
import { withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { ReadThroughCache, type CacheConfig, type CacheStats, type Loader, type ReadOptions } from './read-through';

export { ReadThroughCache, type CacheConfig, type CacheStats, type Loader, type ReadOptions };
export { jitteredSeconds, TTL_JITTER } from './ttl';

const globalForCache = globalThis as unknown as { __arcadeCatalogCache?: ReadThroughCache };

/**
 * A cache over an explicit store; the store's failures count as "Redis down". Lets tests run a
 * second instance against the same Redis, or one against an unreachable Redis.
 */
export function createCache(
  options: { namespace: string; kv: Kv } & Partial<Omit<CacheConfig, 'namespace' | 'guard'>>,
): ReadThroughCache {
  const { kv, ...rest } = options;
  return new ReadThroughCache({
    ttlSeconds: () => env().CACHE_TTL_SECONDS,
    ...rest,
    guard: async (fn, fallback) => {
      try {
        return await fn(kv);
      } catch (err) {
        log.warn({ err, namespace: options.namespace }, 'cache store unreachable; reading the source');
        return fallback();
      }
    },
  });
}

/** The catalog's cache: one per process, on the Kv every instance shares. */
export function catalogCache(): ReadThroughCache {
  globalForCache.__arcadeCatalogCache ??= new ReadThroughCache({
    namespace: 'catalog',
    guard: withKv,
    ttlSeconds: () => env().CACHE_TTL_SECONDS,
    negativeTtlSeconds: 15,
    onEvent: (result) => metrics().cacheRequests.inc({ cache: 'catalog', result }),
  });
  return globalForCache.__arcadeCatalogCache;
}

/** Reads `key` from the catalog cache, running `loader` on a miss. */
export function cachedCatalogRead<T>(key: string, loader: Loader<T>, options?: ReadOptions): Promise<T | null> {
  return catalogCache().read(key, loader, options);
}

/**
 * Call after every catalog write (product, price, stock, image, category): every instance stops
 * serving what it cached before, at once.
 */
export async function invalidateCatalog(): Promise<void> {
  await catalogCache().invalidate();
}

export function cacheStats(): CacheStats {
  return catalogCache().stats();
}

/** Drops this process's cache state (counters, copies) so a test starts cold. */
export function resetCatalogCacheForTests(): void {
  globalForCache.__arcadeCatalogCache = undefined;
}
