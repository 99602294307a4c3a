import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { productViews } from '@/db/schema';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { createUpstashKv, getKv, resetKvForTests } from '@/lib/kv';
import {
  boardNames,
  flushViews,
  genreKey,
  leaderboard,
  pendingViews,
  readBoard,
  rebuildLeaderboards,
  recordSale,
  recordView,
} from '@/lib/leaderboards';
import { addOrder, createFixture, type Fixture } from './fixtures';

let f: Fixture;
const DAY = 86_400_000;

/** Board entries for this file's games only, in board order: seeded orders may rank elsewhere. */
async function fixtureBoard(name: string): Promise<Array<[string, number]>> {
  const ours = new Set(f.ids.values());
  const entries = await readBoard(name, 100);
  return entries.filter((e) => ours.has(e.id)).map((e) => [e.title, e.score]);
}

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Board Alpha',
      priceCents: 1000,
      stock: 5,
      rating: 4.4,
      ratingCount: 40,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
      sold: 3,
    },
    {
      title: 'Board Bravo',
      priceCents: 1000,
      stock: 5,
      rating: 4.8,
      ratingCount: 90,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
      sold: 9,
    },
    {
      title: 'Board Charlie',
      priceCents: 1000,
      stock: 5,
      rating: 4.8,
      ratingCount: 10,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
    },
    {
      title: 'Board Delta',
      priceCents: 1000,
      stock: 5,
      rating: 2.5,
      ratingCount: 5,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
    },
    {
      title: 'Board Archived',
      priceCents: 1000,
      stock: 5,
      rating: 5,
      ratingCount: 500,
      releaseDate: '2024-01-01',
      platforms: ['PC'],
      archived: true,
      sold: 40,
    },
  ]);
  // Orders that are not (or no longer) sales, and one paid long ago.
  await addOrder(f.userId, f.ids.get('Board Delta')!, 'Board Delta', 30, 'cancelled');
  await addOrder(f.userId, f.ids.get('Board Delta')!, 'Board Delta', 30, 'pending_payment', null);
  await addOrder(
    f.userId,
    f.ids.get('Board Charlie')!,
    'Board Charlie',
    2,
    'fulfilled',
    new Date(Date.now() - 30 * DAY),
  );
  await invalidateCatalog();
  await rebuildLeaderboards();
});

afterEach(() => {
  resetKvForTests();
  resetCatalogCacheForTests();
});

describe('leaderboards', () => {
  it('ranks top sellers by units in paid, fulfilled and refund-requested orders', async () => {
    expect(await fixtureBoard('top-sellers')).toEqual([
      ['Board Bravo', 9],
      ['Board Alpha', 3],
      ['Board Charlie', 2],
    ]);
  });

  it('counts only the last seven days on the 7-day board', async () => {
    expect(await fixtureBoard('top-sellers-7d')).toEqual([
      ['Board Bravo', 9],
      ['Board Alpha', 3],
    ]);
  });

  it('moves a game up as soon as a sale is recorded, on both sales boards', async () => {
    await recordSale(f.ids.get('Board Delta')!, 12);
    await recordSale(f.ids.get('Board Charlie')!, 100, new Date(Date.now() - 8 * DAY));
    expect((await fixtureBoard('top-sellers')).slice(0, 2)).toEqual([
      ['Board Charlie', 102],
      ['Board Delta', 12],
    ]);
    expect((await fixtureBoard('top-sellers-7d'))[0]).toEqual(['Board Delta', 12]);
  });

  it('refuses a sale without a positive whole quantity', async () => {
    for (const quantity of [0, -2, 1.5]) {
      await expect(recordSale(f.ids.get('Board Alpha')!, quantity)).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
  });

  it('rebuilds every board from Postgres, dropping what only Redis had', async () => {
    await getKv().delPattern('lb:*');
    const report = await rebuildLeaderboards();
    expect(report.topSellers).toBeGreaterThanOrEqual(3);
    expect(await fixtureBoard('top-sellers')).toEqual([
      ['Board Bravo', 9],
      ['Board Alpha', 3],
      ['Board Charlie', 2],
    ]);
  });

  it('builds the boards by itself when Redis has lost them', async () => {
    await getKv().delPattern('lb:*');
    expect((await fixtureBoard('top-sellers'))[0]).toEqual(['Board Bravo', 9]);
    expect(await getKv().exists('lb:built')).toBe(true);
  });

  it('ranks a genre by weighted rating (few votes count for less), leaving archived games out', async () => {
    const board = `top-rated-${genreKey(f.genre)}`;
    expect(await boardNames()).toContain(board);
    // Weighted: Bravo 4.8 × 90 votes ≈ 4.44, Alpha 4.4 × 40 ≈ 4.07, Charlie 4.8 × 10 ≈ 3.97,
    // Delta 2.5 × 5 ≈ 3.68; the score shown stays the plain average.
    expect(await fixtureBoard(board)).toEqual([
      ['Board Bravo', 4.8],
      ['Board Alpha', 4.4],
      ['Board Charlie', 4.8],
      ['Board Delta', 2.5],
    ]);
  });

  it('counts views in memory and writes them in one flush to Redis and product_views', async () => {
    const alpha = f.ids.get('Board Alpha')!;
    for (let i = 0; i < 5; i++) recordView(alpha);
    recordView(f.ids.get('Board Delta')!);
    expect(pendingViews()).toBe(6);
    expect(await getKv().zscore('lb:most-viewed', alpha)).toBeNull();
    await flushViews();
    expect(pendingViews()).toBe(0);
    expect(await getKv().zscore('lb:most-viewed', alpha)).toBe(5);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(productViews)
      .where(and(eq(productViews.productId, alpha)));
    expect(row?.views).toBe(5);
    expect(await fixtureBoard('most-viewed')).toEqual([
      ['Board Alpha', 5],
      ['Board Delta', 1],
    ]);
  });

  it('rebuilds the most-viewed board from product_views', async () => {
    await getKv().del('lb:most-viewed');
    await rebuildLeaderboards();
    expect((await fixtureBoard('most-viewed'))[0]).toEqual(['Board Alpha', 5]);
  });

  it('serves boards from Postgres while Redis is down', async () => {
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'x', timeoutMs: 200 }),
      cooldownMs: 60_000,
    });
    resetCatalogCacheForTests();
    expect(await fixtureBoard('top-sellers')).toEqual([
      ['Board Bravo', 9],
      ['Board Alpha', 3],
      ['Board Charlie', 2],
    ]);
    expect((await leaderboard(`top-rated-${genreKey(f.genre)}`, 2)).map((e) => e.title)).toEqual([
      'Board Bravo',
      'Board Alpha',
    ]);
  });

  it('answers NotFound for boards and genres that do not exist', async () => {
    await expect(readBoard('bottom-sellers')).rejects.toBeInstanceOf(NotFoundError);
    await expect(readBoard('top-rated-knitting')).rejects.toBeInstanceOf(NotFoundError);
  });
});
