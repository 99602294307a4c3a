import 'server-only';
import { deserialize, serialize } from 'node:v8';
import { withKv } from '@/lib/kv';
import { catalogCache, invalidateCatalog } from './index';
import { LocalEntries } from './local';

/** What Next's incremental cache hands a cache handler and expects back: opaque to us. */
export type PageEntry = { lastModified: number; value: unknown; cacheControl?: unknown };

/** Redis form of a page: the catalog version it was rendered under and the v8-serialised entry. */
type StoredPage = { v: number; b: string };

export type PageStore = {
  get(key: string): Promise<PageEntry | null>;
  set(key: string, entry: PageEntry): Promise<void>;
  /** `revalidatePath`/`revalidateTag` retire pages the same way a catalog write does. */
  invalidate(): Promise<void>;
};

const PAGE_TTL_SECONDS = 24 * 3600;
const LOCAL_PAGES = 500;

/**
 * Rendered catalog pages (ISR) shared by every instance through Redis and retired by the same
 * namespace version as the catalog data, so `invalidateCatalog()` also retires every rendered
 * product page on every instance. A small in-process copy makes a warm page cost no round trip.
 * Redis down: every lookup misses and pages render from Postgres.
 */
export function createPageStore(): PageStore {
  const local = new LocalEntries(LOCAL_PAGES);
  const redisKey = (key: string) => `cache:pages:${key}`;
  return {
    async get(key) {
      const version = await catalogCache().currentVersion();
      if (version === null) return null;
      const now = Date.now();
      const copy = local.get(key, version, now);
      if (copy) return copy.value as PageEntry;
      const stored = await withKv(
        (kv) => kv.get<StoredPage>(redisKey(key)),
        () => null,
      );
      if (!stored || stored.v !== version) return null;
      const entry = deserialize(Buffer.from(stored.b, 'base64')) as PageEntry;
      local.set(key, entry, version, now + PAGE_TTL_SECONDS * 1000);
      return entry;
    },
    async set(key, entry) {
      const version = await catalogCache().currentVersion();
      if (version === null) return;
      local.set(key, entry, version, Date.now() + PAGE_TTL_SECONDS * 1000);
      const stored: StoredPage = { v: version, b: serialize(entry).toString('base64') };
      await withKv(
        (kv) => kv.set(redisKey(key), stored, { ex: PAGE_TTL_SECONDS }),
        () => false,
      );
    },
    invalidate: invalidateCatalog,
  };
}

const slot = globalThis as typeof globalThis & { __arcadePageStore?: PageStore };

/**
 * Publishes the store where Next's cache handler (`cache-handler.mjs`, loaded outside the app
 * bundle) finds it. Called once at instance start.
 */
export function installPageStore(store: PageStore = createPageStore()): void {
  slot.__arcadePageStore = store;
}

