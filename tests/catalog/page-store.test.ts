import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { createPageStore, installPageStore, type PageEntry } from '@/lib/cache/pages';
import { createUpstashKv, resetKvForTests } from '@/lib/kv';

const entry = (html: string): PageEntry => ({
  lastModified: Date.now(),
  value: {
    kind: 'APP_PAGE',
    html,
    rscData: Buffer.from(`rsc:${html}`),
    segmentData: new Map([['/_index', Buffer.from('seg')]]),
  },
  cacheControl: { revalidate: 3600 },
});

beforeEach(() => {
  resetKvForTests();
  resetCatalogCacheForTests();
});
afterEach(() => {
  resetKvForTests();
  resetCatalogCacheForTests();
});

describe('the page store behind the ISR cache handler', () => {
  it('gives back a stored page with its buffers and maps intact', async () => {
    const store = createPageStore();
    await store.set('/products/alpha', entry('<p>alpha</p>'));
    const got = (await store.get('/products/alpha')) as {
      value: { html: string; rscData: Buffer; segmentData: Map<string, Buffer> };
    };
    expect(got.value.html).toBe('<p>alpha</p>');
    expect(Buffer.isBuffer(got.value.rscData)).toBe(true);
    expect(got.value.rscData.toString()).toBe('rsc:<p>alpha</p>');
    expect(got.value.segmentData.get('/_index')?.toString()).toBe('seg');
  });

  it('shares pages with a second instance through Redis', async () => {
    await createPageStore().set('/products/shared', entry('<p>shared</p>'));
    resetCatalogCacheForTests(); // the second instance starts with no copies of its own
    const other = createPageStore();
    expect(((await other.get('/products/shared')) as { value: { html: string } }).value.html).toBe(
      '<p>shared</p>',
    );
  });

  it('retires every page on every instance when the catalog changes', async () => {
    const first = createPageStore();
    await first.set('/products/beta', entry('<p>beta</p>'));
    expect(await first.get('/products/beta')).not.toBeNull();
    await invalidateCatalog();
    expect(await first.get('/products/beta')).toBeNull();
    resetCatalogCacheForTests();
    expect(await createPageStore().get('/products/beta')).toBeNull();
  });

  it('misses when the page was never stored', async () => {
    expect(await createPageStore().get('/products/never-rendered')).toBeNull();
  });

  it('misses instead of failing when Redis is down, so pages render from Postgres', async () => {
    await createPageStore().set('/products/gamma', entry('<p>gamma</p>'));
    resetCatalogCacheForTests();
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'unreachable', timeoutMs: 200 }),
      cooldownMs: 60_000,
    });
    const store = createPageStore();
    expect(await store.get('/products/gamma')).toBeNull();
    await expect(store.set('/products/gamma', entry('<p>gamma 2</p>'))).resolves.toBeUndefined();
  });

  it('is what the cache handler finds once installed, and a revalidation retires pages', async () => {
    const { default: CacheHandler } = await import('@/cache-handler.mjs');
    const handler = new CacheHandler();
    installPageStore();
    await handler.set(
      '/products/delta',
      { kind: 'APP_PAGE', html: '<p>delta</p>' },
      { cacheControl: { revalidate: 60 } },
    );
    const got = (await handler.get('/products/delta')) as {
      value: { html: string };
      cacheControl: unknown;
    };
    expect(got.value.html).toBe('<p>delta</p>');
    expect(got.cacheControl).toEqual({ revalidate: 60 });
    // An admin or account form revalidating its own pages leaves the catalog's pages alone.
    await handler.revalidateTag(['_N_T_/admin/layout']);
    await handler.revalidateTag('_N_T_/account');
    expect(await handler.get('/products/delta')).not.toBeNull();
    await handler.revalidateTag(['_N_T_/products/delta']);
    expect(await handler.get('/products/delta')).toBeNull();
  });

  it('caches nothing before a store is installed, and misses when the store fails', async () => {
    const { default: CacheHandler } = await import('@/cache-handler.mjs');
    const handler = new CacheHandler();
    const slot = globalThis as { __arcadePageStore?: unknown };
    const installed = slot.__arcadePageStore;
    try {
      // During `next build` no store exists yet.
      slot.__arcadePageStore = undefined;
      await handler.set('/products/epsilon', { kind: 'APP_PAGE', html: '<p>epsilon</p>' }, {});
      expect(await handler.get('/products/epsilon')).toBeNull();
      await expect(handler.revalidateTag()).resolves.toBeUndefined();

      const failing = () => Promise.reject(new Error('store broke'));
      slot.__arcadePageStore = { get: failing, set: failing, invalidate: async () => undefined };
      await expect(
        handler.set('/products/epsilon', { kind: 'APP_PAGE', html: '<p>epsilon</p>' }, {}),
      ).resolves.toBeUndefined();
      expect(await handler.get('/products/epsilon')).toBeNull();
    } finally {
      slot.__arcadePageStore = installed;
    }
  });
});
