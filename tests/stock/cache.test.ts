import { beforeAll, describe, expect, it } from 'vitest';
import { queryCount } from '@/db/client';
import { adjustStock, updateProduct } from '@/lib/admin';
import type { AdminActor } from '@/lib/admin/actor';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { createPageStore, type PageEntry } from '@/lib/cache/pages';
import { getProduct, getProductPage, listProducts } from '@/lib/catalog';
import { placeOrder } from '@/lib/orders';
import { forgetLocalStock } from '@/lib/stock';
import { editionIdsOf } from '../support/editions';
import { createFixture, type Fixture } from '../catalog/fixtures';
import { codOrder, key, makeUser, makeUsers, putInCart } from '../orders/fixtures';

let f: Fixture;
let admin: AdminActor;

async function queriesDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = queryCount();
  await fn();
  return queryCount() - before;
}

const page = (html: string): PageEntry => ({
  lastModified: Date.now(),
  value: { kind: 'APP_PAGE', html },
  cacheControl: { revalidate: 3600 },
});

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Stock Sold Here',
      priceCents: 1999,
      stock: 4,
      rating: 4.5,
      ratingCount: 10,
      releaseDate: '2024-02-02',
      platforms: ['PC'],
    },
    {
      title: 'Stock Left Alone',
      priceCents: 2999,
      stock: 9,
      rating: 4,
      ratingCount: 10,
      releaseDate: '2024-02-03',
      platforms: ['PC'],
    },
    {
      title: 'Stock Last One',
      priceCents: 999,
      stock: 1,
      rating: 3,
      ratingCount: 10,
      releaseDate: '2024-02-04',
      platforms: ['PC'],
    },
  ]);
  const user = await makeUser();
  admin = { id: user.id, email: user.email, ip: null };
  await invalidateCatalog();
});

describe('stock apart from the cache', () => {
  it('placing an order leaves cached listings, other games and pages in place, while the game shows fewer units', async () => {
    const sold = f.ids.get('Stock Sold Here')!;
    const soldSlug = f.slugs.get('Stock Sold Here')!;
    const otherSlug = f.slugs.get('Stock Left Alone')!;
    const listing = { category: f.categorySlug, sort: 'price_asc' } as const;
    const pages = createPageStore();
    await pages.set(`/products/${soldSlug}`, page('<p>sold</p>'));
    await pages.set(`/products/${otherSlug}`, page('<p>other</p>'));
    const before = await listProducts(listing);
    await getProductPage(soldSlug);
    await getProduct(otherSlug);
    expect(before.items.find((p) => p.id === sold)?.stock).toBe(4);

    const buyer = await makeUser();
    await putInCart(buyer.id, sold, 3);
    await placeOrder(buyer.id, codOrder, key());
    forgetLocalStock(await editionIdsOf(sold));

    // No entry was retired: every read below is served from the cache, without a query.
    let after!: Awaited<ReturnType<typeof listProducts>>;
    expect(await queriesDuring(async () => (after = await listProducts(listing)))).toBe(0);
    expect(after.items.find((p) => p.id === sold)?.stock).toBe(1);
    let product!: Awaited<ReturnType<typeof getProductPage>>;
    expect(await queriesDuring(async () => (product = await getProductPage(soldSlug)))).toBe(0);
    expect(product.product.stock).toBe(1);
    expect(await queriesDuring(() => getProduct(otherSlug))).toBe(0);
    expect((await getProduct(otherSlug)).stock).toBe(9);
    // Rendered pages carry no stock, so they stay too.
    expect(await pages.get(`/products/${soldSlug}`)).not.toBeNull();
    expect(await pages.get(`/products/${otherSlug}`)).not.toBeNull();
  });

  it('retires only the in-stock listings when a game sells out, and shows it out of stock everywhere', async () => {
    const last = f.ids.get('Stock Last One')!;
    const inStock = { category: f.categorySlug, inStock: true } as const;
    const all = { category: f.categorySlug } as const;
    expect((await listProducts(inStock)).items.map((p) => p.id)).toContain(last);
    await listProducts(all);

    const [buyer] = await makeUsers(1);
    await putInCart(buyer!.id, last, 1);
    await placeOrder(buyer!.id, codOrder, key());
    forgetLocalStock(await editionIdsOf(last));

    expect((await listProducts(inStock)).items.map((p) => p.id)).not.toContain(last);
    let listing!: Awaited<ReturnType<typeof listProducts>>;
    expect(await queriesDuring(async () => (listing = await listProducts(all)))).toBe(0);
    expect(listing.items.find((p) => p.id === last)?.stock).toBe(0);
  });

  it("retires an edited game's entries and page, and listings only when a listed field changed", async () => {
    const id = f.ids.get('Stock Left Alone')!;
    const slug = f.slugs.get('Stock Left Alone')!;
    const otherSlug = f.slugs.get('Stock Sold Here')!;
    const listing = { category: f.categorySlug, sort: 'price_desc' } as const;
    const pages = createPageStore();
    await pages.set(`/products/${slug}`, page('<p>edited</p>'));
    await pages.set(`/products/${otherSlug}`, page('<p>untouched</p>'));
    await listProducts(listing);
    await getProduct(otherSlug);

    // A field shown only on the game's page: its entry and page go, listings and others stay.
    await updateProduct(admin, id, { specs: { Players: '1–2' } });
    expect((await getProduct(slug)).specs).toEqual({ Players: '1–2' });
    expect(await pages.get(`/products/${slug}`)).toBeNull();
    expect(await pages.get(`/products/${otherSlug}`)).not.toBeNull();
    expect(await queriesDuring(() => listProducts(listing))).toBe(0);
    expect(await queriesDuring(() => getProduct(otherSlug))).toBe(0);

    // The price shows in listings: they go too, the other game's own entry stays.
    await updateProduct(admin, id, { priceCents: 2599 });
    expect((await listProducts(listing)).items.find((p) => p.id === id)?.priceCents).toBe(2599);
    expect(await queriesDuring(() => getProduct(otherSlug))).toBe(0);
  });

  it('a stock adjustment retires no entry and shows the new count', async () => {
    const id = f.ids.get('Stock Left Alone')!;
    const slug = f.slugs.get('Stock Left Alone')!;
    await getProduct(slug);
    await adjustStock(admin, id, { delta: 5, reason: 'Restock from the publisher' });
    forgetLocalStock(await editionIdsOf(id));
    let product!: Awaited<ReturnType<typeof getProduct>>;
    // One query: the counter is rebuilt from PostgreSQL, the entry itself is still cached.
    expect(await queriesDuring(async () => (product = await getProduct(slug)))).toBe(1);
    expect(product.stock).toBe(14);
  });
});
