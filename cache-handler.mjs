// Next's incremental cache handler (ISR pages). Next loads this file outside the app bundle, so
// it only delegates to the page store the app installs on globalThis at start-up
// (lib/cache/pages.ts): rendered pages then live in Redis, shared by every instance and retired
// with the catalog. Before the store exists (during `next build`) nothing is cached.

/** @returns {{ get(key: string): Promise<unknown>, set(key: string, entry: unknown): Promise<void>, invalidate(): Promise<void> } | undefined} */
const store = () => globalThis.__arcadePageStore;

/**
 * Path tags (`_N_T_<path>`) of pages that are never in the catalog's page cache: the admin and
 * account pages revalidate themselves after every form, and must not retire the catalog's pages.
 */
const OWN_PAGES =
  /^_N_T_\/(admin|account|orders|checkout|cart|pay|login|register|forgot-password|reset-password)(\/|$)/;

export default class CacheHandler {
  async get(key) {
    try {
      return (await store()?.get(key)) ?? null;
    } catch {
      return null;
    }
  }

  async set(key, data, ctx) {
    if (!data) return;
    try {
      await store()?.set(key, {
        lastModified: Date.now(),
        value: data,
        cacheControl: ctx?.cacheControl,
      });
    } catch {
      // A page that cannot be stored is simply rendered again next time.
    }
  }

  /** Catalog writes retire their own tags (lib/cache); a revalidation of other pages retires nothing here. */
  async revalidateTag(tags) {
    const list = [tags].flat().filter((tag) => typeof tag === 'string');
    if (list.length && list.every((tag) => OWN_PAGES.test(tag))) return;
    await store()?.invalidate();
  }

  resetRequestCache() {}
}
