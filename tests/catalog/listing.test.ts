import { beforeAll, describe, expect, it } from 'vitest';
import { getProduct, listProducts, searchProducts, type ProductQueryInput } from '@/lib/catalog';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { createFixture, type Fixture } from './fixtures';

let f: Fixture;

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Quasar Lantern',
      priceCents: 1999,
      stock: 5,
      rating: 4.5,
      ratingCount: 100,
      releaseDate: '2024-01-10',
      platforms: ['PC', 'TESTBOX'],
      sold: 3,
    },
    {
      title: 'Quasar Lantern Deluxe Edition',
      priceCents: 2999,
      stock: 0,
      rating: 4.9,
      ratingCount: 200,
      releaseDate: '2025-03-01',
      platforms: ['TESTBOX'],
      sold: 10,
    },
    {
      title: 'Lanterns of the Deep Sky',
      priceCents: 4999,
      stock: 2,
      rating: 3.9,
      ratingCount: 50,
      releaseDate: '2023-05-05',
      platforms: ['PC'],
      description: 'A sequel in spirit to Quasar Lantern: chart a quasar with a lantern in hand.',
    },
    {
      title: 'Midnight Orchard',
      priceCents: 999,
      stock: 12,
      rating: 3.2,
      ratingCount: 20,
      releaseDate: '2025-06-01',
      platforms: ['PC', 'TESTBOX'],
      sold: 1,
    },
    {
      title: 'Orchard Tycoon',
      priceCents: 0,
      stock: 100,
      rating: 4.1,
      ratingCount: 80,
      releaseDate: '2022-02-02',
      platforms: ['PC'],
    },
    {
      title: 'Velvet Circuit',
      priceCents: 1499,
      stock: 0,
      rating: 4.7,
      ratingCount: 300,
      releaseDate: '2024-11-11',
      platforms: ['TESTBOX'],
    },
    {
      title: 'Velvet Circuit Remastered',
      priceCents: 500,
      stock: 9,
      rating: 5,
      ratingCount: 999,
      releaseDate: '2025-01-01',
      platforms: ['PC', 'TESTBOX'],
      archived: true,
      sold: 50,
    },
  ]);
  await invalidateCatalog();
});

const inFixture = (query: ProductQueryInput = {}) =>
  listProducts({ category: f.categorySlug, ...query });
const titles = (page: { items: { title: string }[] }) => page.items.map((p) => p.title);

describe('listing the catalog', () => {
  it('never shows an archived game, in listings, search or detail', async () => {
    const page = await inFixture({ pageSize: 100 });
    expect(page.total).toBe(6);
    expect(titles(page)).not.toContain('Velvet Circuit Remastered');
    const search = await searchProducts('Velvet Circuit Remastered');
    expect(titles(search)).not.toContain('Velvet Circuit Remastered');
    await expect(getProduct(f.slugs.get('Velvet Circuit Remastered')!)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('filters by genre whatever the case of the link', async () => {
    const exact = await listProducts({ genre: f.genre, pageSize: 100 });
    expect(exact.total).toBe(6);
    const lower = await listProducts({ genre: f.genre.toLowerCase(), pageSize: 100 });
    expect(titles(lower).sort()).toEqual(titles(exact).sort());
  });

  it('filters by platform', async () => {
    const page = await inFixture({ platform: f.platform, sort: 'price_asc' });
    expect(titles(page)).toEqual([
      'Midnight Orchard',
      'Velvet Circuit',
      'Quasar Lantern',
      'Quasar Lantern Deluxe Edition',
    ]);
  });

  it('filters by an inclusive price range in cents', async () => {
    const page = await inFixture({ minPrice: 1499, maxPrice: 2999, sort: 'price_asc' });
    expect(titles(page)).toEqual([
      'Velvet Circuit',
      'Quasar Lantern',
      'Quasar Lantern Deluxe Edition',
    ]);
    const free = await inFixture({ maxPrice: 0 });
    expect(titles(free)).toEqual(['Orchard Tycoon']);
  });

  it('keeps only games in stock when asked', async () => {
    const page = await inFixture({ inStock: 'true', sort: 'price_asc' });
    expect(titles(page)).toEqual([
      'Orchard Tycoon',
      'Midnight Orchard',
      'Quasar Lantern',
      'Lanterns of the Deep Sky',
    ]);
    expect(page.items.every((p) => p.stock > 0)).toBe(true);
  });

  it('sorts by price both ways, by release date and by rating', async () => {
    expect(titles(await inFixture({ sort: 'price_asc' }))).toEqual([
      'Orchard Tycoon',
      'Midnight Orchard',
      'Velvet Circuit',
      'Quasar Lantern',
      'Quasar Lantern Deluxe Edition',
      'Lanterns of the Deep Sky',
    ]);
    expect(titles(await inFixture({ sort: 'price_desc' }))[0]).toBe('Lanterns of the Deep Sky');
    expect(titles(await inFixture({ sort: 'newest' }))).toEqual([
      'Midnight Orchard',
      'Quasar Lantern Deluxe Edition',
      'Velvet Circuit',
      'Quasar Lantern',
      'Lanterns of the Deep Sky',
      'Orchard Tycoon',
    ]);
    expect(titles(await inFixture({ sort: 'rating' }))).toEqual([
      'Quasar Lantern Deluxe Edition',
      'Velvet Circuit',
      'Quasar Lantern',
      'Orchard Tycoon',
      'Lanterns of the Deep Sky',
      'Midnight Orchard',
    ]);
  });

  it('sorts best sellers by units in paid orders, then by rating', async () => {
    expect(titles(await inFixture({ sort: 'best_selling' }))).toEqual([
      'Quasar Lantern Deluxe Edition',
      'Quasar Lantern',
      'Midnight Orchard',
      'Velvet Circuit',
      'Orchard Tycoon',
      'Lanterns of the Deep Sky',
    ]);
  });

  it('pages through results and reports the page count', async () => {
    const first = await inFixture({ sort: 'price_asc', pageSize: 4 });
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 4, pageCount: 2 });
    expect(first.items).toHaveLength(4);
    const last = await inFixture({ sort: 'price_asc', pageSize: 4, page: 2 });
    expect(titles(last)).toEqual(['Quasar Lantern Deluxe Edition', 'Lanterns of the Deep Sky']);
  });

  it('answers a page beyond the end with no items rather than an error', async () => {
    const beyond = await inFixture({ pageSize: 4, page: 9 });
    expect(beyond).toMatchObject({ items: [], total: 6, page: 9, pageCount: 2 });
  });

  it('accepts page sizes from 1 to 100 and refuses others with the field named', async () => {
    expect((await inFixture({ pageSize: 1 })).items).toHaveLength(1);
    expect((await inFixture({ pageSize: 100 })).items).toHaveLength(6);
    for (const pageSize of [0, 101, 500]) {
      const err = await inFixture({ pageSize }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields).toHaveProperty('pageSize');
    }
  });

  it('refuses negative prices, an inverted range and an unknown sort', async () => {
    const cases: Array<[ProductQueryInput, string]> = [
      [{ minPrice: -1 }, 'minPrice'],
      [{ minPrice: 3000, maxPrice: 1000 }, 'maxPrice'],
      [{ sort: 'bogus' as never }, 'sort'],
      [{ page: 0 }, 'page'],
    ];
    for (const [query, field] of cases) {
      const err = await inFixture(query).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields).toHaveProperty(field);
    }
  });
});

describe('searching the catalog', () => {
  it('puts the exact title first, then titles that start with it', async () => {
    const page = await searchProducts('quasar lantern');
    expect(titles(page).slice(0, 2)).toEqual(['Quasar Lantern', 'Quasar Lantern Deluxe Edition']);
    expect(titles(page)).toContain('Lanterns of the Deep Sky');
  });

  it('still finds a game when one letter of its title is wrong', async () => {
    expect(titles(await searchProducts('Qasar Lantern'))[0]).toBe('Quasar Lantern');
    expect(titles(await searchProducts('midnight orchrd'))[0]).toBe('Midnight Orchard');
    expect(titles(await searchProducts('velvet circiut'))).toContain('Velvet Circuit');
  });

  it('matches words of the description as well as the title', async () => {
    const page = await searchProducts('chart a quasar', { category: f.categorySlug });
    expect(titles(page)).toContain('Lanterns of the Deep Sky');
  });

  it('combines search words with filters and sorts', async () => {
    const page = await searchProducts('quasar', {
      category: f.categorySlug,
      inStock: true,
      sort: 'price_desc',
    });
    expect(titles(page)).toEqual(['Lanterns of the Deep Sky', 'Quasar Lantern']);
  });

  it('answers words that match nothing with an empty page', async () => {
    const page = await searchProducts('zzxxqqj wwvvkk');
    expect(page).toMatchObject({ items: [], total: 0, pageCount: 0 });
    expect((await searchProducts('   ')).items).toEqual([]);
  });

  it('treats quotes, operators and wildcards as plain text', async () => {
    for (const q of ['"quasar', 'lantern -', '100%_', "o'reilly & |"]) {
      await expect(searchProducts(q)).resolves.toHaveProperty('items');
    }
  });
});

describe('reading one game', () => {
  it('returns images, specs, category and description', async () => {
    const product = await getProduct(f.slugs.get('Quasar Lantern')!);
    expect(product).toMatchObject({
      title: 'Quasar Lantern',
      priceCents: 1999,
      category: { slug: f.categorySlug },
      specs: { Players: '1' },
      releaseDate: '2024-01-10',
    });
    expect(product.images[0]?.url).toContain(f.slugs.get('Quasar Lantern'));
    expect(product.coverUrl).toBe(product.images[0]?.url);
  });

  it('answers NotFound for unknown and malformed slugs', async () => {
    await expect(getProduct('no-such-game-anywhere')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getProduct('../etc/passwd')).rejects.toBeInstanceOf(NotFoundError);
  });
});
