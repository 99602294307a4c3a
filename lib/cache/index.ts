import 'server-only';
import { env } from '@/lib/config/env';
import { withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { log } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import {
  ReadThroughCache,
  type CacheConfig,
  type CacheStats,
  type Loader,
  type ReadOptions,
} from './read-through';
import { CATALOG_TAGS, catalogKeyTags } from './tags';

export { ReadThroughCache, type CacheConfig, type CacheStats, type Loader, type ReadOptions };
export { jitteredSeconds, TTL_JITTER } from './ttl';
export { CATALOG_TAGS, catalogKeyTags, pageKeyTags } from './tags';

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
    tagsOf: catalogKeyTags,
    ...rest,
    guard: async (fn, fallback) => {
      try {
        return await fn(kv);
      } catch (err) {
        log.warn(
          { err, namespace: options.namespace },
          'cache store unreachable; reading the source',
        );
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
    tagsOf: catalogKeyTags,
    ttlSeconds: () => env().CACHE_TTL_SECONDS,
    negativeTtlSeconds: 15,
    onEvent: (result) => metrics().cacheRequests.inc({ cache: 'catalog', result }),
  });
  return globalForCache.__arcadeCatalogCache;
}

/** Reads `key` from the catalog cache, running `loader` on a miss. */
export function cachedCatalogRead<T>(
  key: string,
  loader: Loader<T>,
  options?: ReadOptions,
): Promise<T | null> {
  return catalogCache().read(key, loader, options);
}

/**
 * Retires everything the catalog cached (entries and rendered pages) on every instance at once:
 * for writes that reach across the catalog (categories, bulk changes).
 */
export async function invalidateCatalog(): Promise<void> {
  await catalogCache().invalidate([CATALOG_TAGS.all]);
}

/**
 * Retires what carries one of `tags` (see `CATALOG_TAGS`) on every instance: a write retires
 * what shows the fields it changed, and nothing else.
 */
export async function invalidateCatalogTags(tags: readonly string[]): Promise<void> {
  if (tags.length) await catalogCache().invalidate(tags);
}

export function cacheStats(): CacheStats {
  return catalogCache().stats();
}

/** Drops this process's cache state (counters, copies) so a test starts cold. */
export function resetCatalogCacheForTests(): void {
  globalForCache.__arcadeCatalogCache = undefined;
}
