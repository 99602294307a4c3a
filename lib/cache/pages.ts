import 'server-only';
import { deserialize, serialize } from 'node:v8';
import { withKv } from '@/lib/kv';
import { catalogCache, invalidateCatalog } from './index';
import { LocalEntries } from './local';
import { isCurrent } from './read-through';
import { pageKeyTags } from './tags';

/** What Next's incremental cache hands a cache handler and expects back: opaque to us. */
export type PageEntry = { lastModified: number; value: unknown; cacheControl?: unknown };

/** Redis form of a page: its tags' versions when it was rendered, and the v8-serialised entry. */
type StoredPage = { t: number[]; b: string };

export type PageStore = {
  get(key: string): Promise<PageEntry | null>;
  set(key: string, entry: PageEntry): Promise<void>;
  /** `revalidatePath`/`revalidateTag` retire pages the same way a catalog-wide write does. */
  invalidate(): Promise<void>;
};

const PAGE_TTL_SECONDS = 24 * 3600;
const LOCAL_PAGES = 500;

/**
 * Rendered catalog pages (ISR) shared by every instance through Redis and retired by the
 * catalog's tags: a product page carries its game's tag and the listings' tag (its shelf of
 * similar games), so editing one game retires its page and nothing else, and an order retires no
 * page at all (pages show no stock: a small island fetches it). A small in-process copy makes a
 * warm page cost no round trip. Redis down: every lookup misses and pages render from Postgres.
 */
export function createPageStore(tagsOf: (key: string) => string[] = pageKeyTags): PageStore {
  const local = new LocalEntries(LOCAL_PAGES);
  const redisKey = (key: string) => `cache:pages:${key}`;
  const cache = catalogCache();
  const tags = (key: string) => ['all', ...tagsOf(key)];
  /**
   * Tag versions seen by the lookup that missed, before Next rendered the page: an edit that
   * lands during the render moves them, so the page it stores is not taken for current.
   */
  const renderedUnder = new Map<string, number[]>();
  const remember = (key: string, versions: number[]) => {
    if (renderedUnder.size > LOCAL_PAGES) renderedUnder.clear();
    renderedUnder.set(key, versions);
  };
  return {
    async get(key) {
      const epoch = await cache.currentEpoch();
      if (epoch === null) return null;
      const now = Date.now();
      const copy = local.get(key, epoch, now);
      if (copy) {
        const held = copy.value as { entry: PageEntry; t: number[] };
        // A hit may be followed by a background re-render (time-based revalidation): it is
        // stored under the versions of what it replaces, so an edit meanwhile still retires it.
        remember(key, held.t);
        return held.entry;
      }
      const found = await cache.lookup<StoredPage>(redisKey(key), tags(key));
      if (!found) return null;
      remember(key, found.versions);
      if (!found.stored || !isCurrent(found.stored.t, found.versions)) return null;
      const entry = deserialize(Buffer.from(found.stored.b, 'base64')) as PageEntry;
      local.set(key, { entry, t: found.versions }, found.epoch, now + PAGE_TTL_SECONDS * 1000);
      return entry;
    },
    async set(key, entry) {
      let versions = renderedUnder.get(key);
      renderedUnder.delete(key);
      let epoch: number | null = null;
      if (!versions) {
        const found = await cache.lookup(redisKey(key), tags(key));
        if (!found) return;
        versions = found.versions;
        epoch = found.epoch;
      }
      const stored: StoredPage = { t: versions, b: serialize(entry).toString('base64') };
      const saved = await withKv(
        (kv) => kv.set(redisKey(key), stored, { ex: PAGE_TTL_SECONDS }),
        () => false,
      );
      // The local copy needs the epoch that goes with these versions; a fresh lookup on the next
      // get provides it when we have none.
      if (saved && epoch !== null)
        local.set(key, { entry, t: versions }, epoch, Date.now() + PAGE_TTL_SECONDS * 1000);
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
