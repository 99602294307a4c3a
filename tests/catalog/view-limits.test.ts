import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { POST as postView } from '@/app/api/v1/products/[slug]/views/route';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { getKv } from '@/lib/kv';
import { flushViews, pendingViews } from '@/lib/leaderboards';
import { awayFromWindowEdge, randomIp, setEnv } from '../auth/support';
import { createFixture, type Fixture } from './fixtures';

const ORIGIN = 'http://localhost:3000';
let f: Fixture;

const view = (slug: string, ip: string) =>
  postView(
    new NextRequest(`${ORIGIN}/api/v1/products/${slug}/views`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'x-forwarded-for': ip },
    }),
    { params: Promise.resolve({ slug }) },
  );

const boardScore = async (title: string) =>
  (await getKv().zscore('lb:most-viewed', f.ids.get(title)!)) ?? 0;

beforeAll(async () => {
  // Per-address buckets need addresses we trust; every test uses its own.
  setEnv({ TRUST_PROXY: 'true', RATE_LIMIT_VIEWS_IP: '5/60', RATE_LIMIT_VIEWS_PRODUCT: '1/60' });
  resetCatalogCacheForTests();
  const game = (title: string) => ({
    title,
    priceCents: 1000,
    stock: 5,
    rating: 4,
    ratingCount: 10,
    releaseDate: '2024-03-03',
    platforms: ['PC'],
  });
  f = await createFixture(
    ['Flood Alpha', 'Flood Bravo', ...Array.from({ length: 6 }, (_, i) => `Flood Shelf ${i}`)].map(
      game,
    ),
  );
  await invalidateCatalog();
});

beforeEach(async () => {
  // The limits count in fixed windows: a burst must not straddle the end of one.
  await awayFromWindowEdge();
  await flushViews();
});

afterAll(() => {
  setEnv({
    TRUST_PROXY: undefined,
    RATE_LIMIT_VIEWS_IP: undefined,
    RATE_LIMIT_VIEWS_PRODUCT: undefined,
  });
});

describe('POST /api/v1/products/{slug}/views under a flood', () => {
  it('counts one view per address and game however many reports arrive, answering 204 to all', async () => {
    const slug = f.slugs.get('Flood Alpha')!;
    const before = await boardScore('Flood Alpha');
    const ip = randomIp();
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => view(slug, ip).then((r) => r.status)),
    );
    expect(new Set(statuses)).toEqual(new Set([204]));
    expect(pendingViews()).toBe(1);
    await flushViews();
    expect(await boardScore('Flood Alpha')).toBe(before + 1);
  });

  it('still counts the same game for another address', async () => {
    const slug = f.slugs.get('Flood Bravo')!;
    const before = await boardScore('Flood Bravo');
    await view(slug, randomIp());
    await view(slug, randomIp());
    await flushViews();
    expect(await boardScore('Flood Bravo')).toBe(before + 2);
  });

  it('stops counting an address past its per-minute budget across games', async () => {
    const ip = randomIp();
    const shelf = Array.from({ length: 6 }, (_, i) => `Flood Shelf ${i}`);
    const before = await Promise.all(shelf.map(boardScore));
    for (const title of shelf) expect((await view(f.slugs.get(title)!, ip)).status).toBe(204);
    await flushViews();
    const gained = (await Promise.all(shelf.map(boardScore))).map((score, i) => score - before[i]!);
    expect(gained.reduce((a, b) => a + b, 0)).toBe(5);
    expect(gained.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
  });
});
