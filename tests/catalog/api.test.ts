import { beforeAll, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { queryCount } from '@/db/client';
import { GET as listRoute } from '@/app/api/v1/products/route';
import { GET as productRoute } from '@/app/api/v1/products/[slug]/route';
import { GET as categoriesRoute } from '@/app/api/v1/categories/route';
import { GET as boardRoute } from '@/app/api/v1/leaderboards/[board]/route';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { flushViews } from '@/lib/leaderboards';
import { createFixture, type Fixture } from './fixtures';

let f: Fixture;
const base = 'http://127.0.0.1:3000';
const noParams = { params: Promise.resolve({} as Record<string, never>) };
const get = (path: string) => new NextRequest(new URL(path, base));

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Api Asteroid',
      priceCents: 1000,
      stock: 1,
      rating: 4.2,
      ratingCount: 12,
      releaseDate: '2024-03-03',
      platforms: ['PC'],
    },
    {
      title: 'Api Borealis',
      priceCents: 2000,
      stock: 0,
      rating: 3.1,
      ratingCount: 7,
      releaseDate: '2023-03-03',
      platforms: ['TESTBOX'],
    },
  ]);
  await invalidateCatalog();
});

describe('GET /api/v1/products', () => {
  it('answers a filtered page with facets and headers shared caches can use', async () => {
    const res = await listRoute(
      get(`/api/v1/products?category=${f.categorySlug}&sort=price_desc`),
      noParams,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(
      /public.*s-maxage=\d+.*stale-while-revalidate=\d+/,
    );
    const body = await res.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 24, pageCount: 1 });
    expect(body.items.map((p: { title: string }) => p.title)).toEqual([
      'Api Borealis',
      'Api Asteroid',
    ]);
    expect(body.facets.genres).toContain(f.genre);
    expect(body.facets.platforms).toContain(f.platform);
  });

  it('answers a warm request without a database query', async () => {
    const url = `/api/v1/products?genre=${encodeURIComponent(f.genre)}&inStock=true`;
    const first = await (await listRoute(get(url), noParams)).json();
    const before = queryCount();
    const second = await (await listRoute(get(url), noParams)).json();
    expect(queryCount() - before).toBe(0);
    expect(second).toEqual(first);
    expect(second.items.map((p: { title: string }) => p.title)).toEqual(['Api Asteroid']);
  });

  it.each([
    ['pageSize=500', 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['minPrice=-1', 'minPrice'],
    ['maxPrice=abc', 'maxPrice'],
    ['minPrice=500&maxPrice=100', 'maxPrice'],
    ['sort=bogus', 'sort'],
    ['page=0', 'page'],
    ['inStock=maybe', 'inStock'],
  ])('refuses %s with 400 naming the field', async (qs, field) => {
    const res = await listRoute(get(`/api/v1/products?${qs}`), noParams);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation');
    expect(body.error.fields).toHaveProperty(field);
  });

  it('matches a genre written in another case, and a warm read of it queries nothing', async () => {
    const url = (genre: string) =>
      `/api/v1/products?category=${f.categorySlug}&genre=${encodeURIComponent(genre)}`;
    const exact = await (await listRoute(get(url(f.genre)), noParams)).json();
    const lower = await (await listRoute(get(url(f.genre.toLowerCase())), noParams)).json();
    expect(lower).toEqual(exact);
    const before = queryCount();
    const upper = await (await listRoute(get(url(f.genre.toUpperCase())), noParams)).json();
    // The spelling is resolved against the cached facets, so every spelling shares one cached listing.
    expect(queryCount() - before).toBe(0);
    expect(upper).toEqual(exact);
  });

  it('answers a page beyond the end with an empty list', async () => {
    const res = await listRoute(
      get(`/api/v1/products?category=${f.categorySlug}&page=50`),
      noParams,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ items: [], total: 2, page: 50, pageCount: 1 });
  });
});

describe('GET /api/v1/products/{slug}', () => {
  it('answers the game with its images and category', async () => {
    const slug = f.slugs.get('Api Asteroid')!;
    const res = await productRoute(get(`/api/v1/products/${slug}`), {
      params: Promise.resolve({ slug }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ slug, title: 'Api Asteroid', category: { slug: f.categorySlug } });
    expect(body.images).toHaveLength(1);
    await flushViews();
  });

  it('answers 404 JSON for an unknown slug', async () => {
    const res = await productRoute(get('/api/v1/products/no-such-game'), {
      params: Promise.resolve({ slug: 'no-such-game' }),
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('GET /api/v1/categories', () => {
  it('lists categories in shelf order with how many games each has on sale', async () => {
    const res = await categoriesRoute(get('/api/v1/categories'), noParams);
    expect(res.status).toBe(200);
    const { categories } = await res.json();
    expect(categories.find((c: { slug: string }) => c.slug === f.categorySlug)).toMatchObject({
      productCount: 2,
    });
    const positions = categories.map((c: { position: number }) => c.position);
    expect(positions).toEqual([...positions].sort((a: number, b: number) => a - b));
  });
});

describe('GET /api/v1/leaderboards/{board}', () => {
  const board = (name: string, qs = '') =>
    boardRoute(get(`/api/v1/leaderboards/${name}${qs}`), {
      params: Promise.resolve({ board: name }),
    });

  it('answers a board of ranked games with scores', async () => {
    const res = await board('top-sellers', '?limit=5');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.board).toBe('top-sellers');
    expect(body.entries.length).toBeLessThanOrEqual(5);
    body.entries.forEach((e: { rank: number }, i: number) => expect(e.rank).toBe(i + 1));
  });

  it('answers 404 for an unknown board or genre', async () => {
    expect((await board('worst-sellers')).status).toBe(404);
    expect((await board('top-rated-underwater-basket-weaving')).status).toBe(404);
  });

  it.each(['0', '101', 'ten'])('refuses limit=%s with 400', async (limit) => {
    const res = await board('most-viewed', `?limit=${limit}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields).toHaveProperty('limit');
  });
});

describe('serialising cached catalog responses', () => {
  it('serialises a listing with its facets once, and follows a change of facets', async () => {
    const { catalogJson } = await import('@/lib/catalog/http');
    const page = { items: [1], total: 1 };
    const facets = { genres: ['RPG'] };
    let builds = 0;
    const build = (f: object) => () => {
      builds++;
      return { ...page, facets: f };
    };
    const first = await catalogJson(page, build(facets), { variant: facets }).json();
    expect(first).toEqual({ items: [1], total: 1, facets: { genres: ['RPG'] } });
    await catalogJson(page, build(facets), { variant: facets }).text();
    expect(builds).toBe(1);
    const other = { genres: ['Puzzle'] };
    expect((await catalogJson(page, build(other), { variant: other }).json()).facets).toEqual(
      other,
    );
    expect(builds).toBe(2);
  });
});
