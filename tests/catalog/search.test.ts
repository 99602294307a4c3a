import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { sql } from 'drizzle-orm';
import { getDb, queryCount } from '@/db/client';
import { products } from '@/db/schema';
import { GET as listRoute } from '@/app/api/v1/products/route';
import { GET as suggestRoute } from '@/app/api/v1/search/suggest/route';
import { listProducts, searchProducts, type ProductQueryInput } from '@/lib/catalog';
import { weightedRatingSql } from '@/lib/catalog/rating';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { createFixture, type Fixture } from './fixtures';

let f: Fixture;
const base = 'http://127.0.0.1:3000';
const noParams = { params: Promise.resolve({} as Record<string, never>) };
const get = (path: string) => new NextRequest(new URL(path, base));

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Perfect Seven',
      priceCents: 1000,
      stock: 5,
      rating: 5,
      ratingCount: 7,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
    },
    {
      title: 'Beloved Classic',
      priceCents: 1000,
      stock: 5,
      rating: 4.8,
      ratingCount: 23_000,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
    },
    {
      title: 'Middling Newcomer',
      priceCents: 1000,
      stock: 5,
      rating: 4.2,
      ratingCount: 60,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
    },
  ]);
  await invalidateCatalog();
});

/** Ids of every game a search lists, page after page. */
async function allFound(
  q: string,
  options: ProductQueryInput = {},
): Promise<{ ids: Set<string>; total: number }> {
  const ids = new Set<string>();
  for (let page = 1; ; page++) {
    const result = await searchProducts(q, { ...options, page, pageSize: 100 });
    for (const item of result.items) ids.add(item.id);
    if (page >= result.pageCount) return { ids, total: result.total };
  }
}

/** Ids of the games on sale a condition on `products` selects. */
async function idsWhere(condition: ReturnType<typeof sql>): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: products.id })
    .from(products)
    .where(sql`${products.archivedAt} is null and ${condition}`);
  return rows.map((r) => r.id);
}

describe('search matches genres, studios and platforms', () => {
  it('finds every game of the RPG genre for "rpg", not only those whose text says it', async () => {
    const rpg = await idsWhere(sql`${products.genres} @> array['RPG']::text[]`);
    expect(rpg.length).toBeGreaterThan(50);
    const { ids, total } = await allFound('rpg');
    expect(total).toBeGreaterThanOrEqual(rpg.length);
    expect(rpg.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('finds the games a studio made or published, by its name', async () => {
    const db = await getDb();
    const [studio] = await db
      .select({ name: products.developer, n: sql<number>`count(*)`.mapWith(Number) })
      .from(products)
      // Games other tests make have no studio ('') or a fixture's: the seeded studios are meant.
      .where(
        sql`${products.archivedAt} is null and ${products.developer} not in ('', 'Fixture Studio')`,
      )
      .groupBy(products.developer)
      .orderBy(sql`count(*) desc`)
      .limit(1);
    const theirs = await idsWhere(
      sql`(${products.developer} = ${studio!.name} or ${products.publisher} = ${studio!.name})`,
    );
    const { ids } = await allFound(studio!.name.toLowerCase());
    expect(theirs.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('finds every game on a platform by a word of its name', async () => {
    const onSwitch = await idsWhere(sql`${products.platforms} @> array['Nintendo Switch']::text[]`);
    expect(onSwitch.length).toBeGreaterThan(50);
    const { ids } = await allFound('switch');
    expect(onSwitch.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('narrows a named genre by the other words: "rpg dragon" is the dragon RPGs', async () => {
    const page = await searchProducts('rpg dragon', { pageSize: 100 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((p) => p.genres.includes('RPG') || /dragon/i.test(p.title))).toBe(true);
  });
});

describe('typo tolerance and did-you-mean', () => {
  it('finds the dragon titles for "drgon" and says what it took the word for', async () => {
    const dragons = await idsWhere(sql`${products.title} ilike '%dragon%'`);
    expect(dragons.length).toBeGreaterThan(2);
    const page = await searchProducts('drgon', { pageSize: 100 });
    expect(dragons.filter((id) => !page.items.some((p) => p.id === id))).toEqual([]);
    expect(page.didYouMean).toBe('dragon');
  });

  it('proposes "dragon" for a search with a misspelt dragon that finds nothing', async () => {
    const page = await searchProducts('drgon qqzzxv');
    expect(page).toMatchObject({ total: 0, items: [], didYouMean: 'dragon' });
  });

  it('proposes nothing when the words are spelt right, or nothing resembles them', async () => {
    expect((await searchProducts('dragon')).didYouMean).toBeNull();
    expect((await searchProducts('zzxxqqj wwvvkk')).didYouMean).toBeNull();
  });

  it('carries didYouMean in the listing API when q is set, and only then', async () => {
    const searched = await (
      await listRoute(get('/api/v1/products?q=drgon+qqzzxv'), noParams)
    ).json();
    expect(searched).toMatchObject({ total: 0, didYouMean: 'dragon' });
    const listed = await (
      await listRoute(get(`/api/v1/products?category=${f.categorySlug}`), noParams)
    ).json();
    expect(listed).not.toHaveProperty('didYouMean');
  });
});

describe('GET /api/v1/search/suggest', () => {
  it('suggests titles, genres and studios for the words typed so far', async () => {
    const res = await suggestRoute(get('/api/v1/search/suggest?q=drag'), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/public/);
    const body = await res.json();
    expect(body.titles.length).toBeGreaterThan(0);
    expect(
      body.titles.every((t: { title: string; slug: string }) => /drag/i.test(t.title) && t.slug),
    ).toBe(true);

    const rpg = await (await suggestRoute(get('/api/v1/search/suggest?q=rp'), noParams)).json();
    expect(rpg.genres).toContain('RPG');
    const studio = await (
      await suggestRoute(get('/api/v1/search/suggest?q=pixel+har'), noParams)
    ).json();
    expect(studio.studios).toContain('Pixel Harbor');
  });

  it('answers a repeated request from the cache, without a database query', async () => {
    await suggestRoute(get('/api/v1/search/suggest?q=sunken'), noParams);
    const before = queryCount();
    const again = await (
      await suggestRoute(get('/api/v1/search/suggest?q=Sunken'), noParams)
    ).json();
    expect(queryCount() - before).toBe(0);
    expect(again.titles.length).toBeGreaterThan(0);
  });

  it.each([
    ['q missing', ''],
    ['q blank', '?q=%20%20'],
    ['q over 100 characters', `?q=${'a'.repeat(101)}`],
  ])('answers 400 naming q when %s', async (_case, qs) => {
    const res = await suggestRoute(get(`/api/v1/search/suggest${qs}`), noParams);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation');
    expect(body.error.fields).toHaveProperty('q');
  });
});

describe('top rated uses a weighted rating', () => {
  it('puts a 4.8 from 23,000 votes above a 5.0 from 7', async () => {
    const page = await listProducts({ category: f.categorySlug, sort: 'rating' });
    expect(page.items.map((p) => p.title)).toEqual([
      'Beloved Classic',
      'Middling Newcomer',
      'Perfect Seven',
    ]);
  });

  it('sorts by an expression its index covers: the code and the migration spell it alike', async () => {
    const db = await getDb();
    // Unanalysed test data makes a scan look cheaper; what matters is that the index applies.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(
        sql`explain select ${products.id} from ${products} where ${products.archivedAt} is null order by ${weightedRatingSql()} desc limit 24`,
      );
    });
    expect(JSON.stringify(plan)).toContain('products_weighted_rating_idx');
  });
});
