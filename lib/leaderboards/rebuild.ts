import 'server-only';
import { randomUUID } from 'node:crypto';
import { UnavailableError } from '@/lib/errors';
import { withKv } from '@/lib/kv';
import type { Kv, ScoredMember } from '@/lib/kv/types';
import { DAY_BUCKET_TTL_SECONDS, DAYS_KEPT, keys } from './keys';
import {
  dailySalesFromDb,
  ratingsByGenreFromDb,
  salesFromDb,
  viewsFromDb,
  type Scored,
} from './source';

const MEMBERS_PER_ZADD = 500;

export type RebuildReport = {
  topSellers: number;
  salesDays: number;
  mostViewed: number;
  topRatedGenres: number;
};

async function replaceBoard(
  kv: Kv,
  key: string,
  scored: Scored[],
  ttlSeconds?: number,
): Promise<void> {
  await kv.del(key);
  const members: ScoredMember[] = scored
    .filter((s) => s.score > 0)
    .map((s) => ({ member: s.id, score: s.score }));
  for (let i = 0; i < members.length; i += MEMBERS_PER_ZADD) {
    await kv.zadd(key, ...members.slice(i, i + MEMBERS_PER_ZADD));
  }
  if (ttlSeconds && members.length > 0) await kv.expire(key, ttlSeconds);
}

/** Start of the UTC day `days` days before `now`. */
export function startOfUtcDay(now: Date, daysAgo: number): Date {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(start.getTime() - daysAgo * 86_400_000);
}

/**
 * Rebuilds every board from Postgres, the source of truth: sales from orders that are paid,
 * fulfilled or awaiting a refund; views from product_views; ratings from products. Boards are
 * replaced one by one, so a reader during the rebuild may briefly see a board being refilled.
 */
export async function rebuildLeaderboards(now: Date = new Date()): Promise<RebuildReport> {
  const [sales, daily, views, ratings] = await Promise.all([
    salesFromDb(),
    dailySalesFromDb(startOfUtcDay(now, DAYS_KEPT - 1)),
    viewsFromDb(),
    ratingsByGenreFromDb(),
  ]);
  const byDay = new Map<string, Scored[]>();
  for (const { day, ...scored } of daily) byDay.set(day, [...(byDay.get(day) ?? []), scored]);

  const report = await withKv(
    async (kv) => {
      await replaceBoard(kv, keys.topSellers, sales);
      await kv.delPattern('lb:sales:*');
      for (const [day, scored] of byDay)
        await replaceBoard(kv, keys.salesDay(day), scored, DAY_BUCKET_TTL_SECONDS);
      await replaceBoard(kv, keys.mostViewed, views);
      await kv.delPattern('lb:top-rated:*');
      for (const [genre, scored] of ratings) await replaceBoard(kv, keys.topRated(genre), scored);
      await kv.set(keys.built, now.toISOString());
      return {
        topSellers: sales.length,
        salesDays: byDay.size,
        mostViewed: views.length,
        topRatedGenres: ratings.size,
      };
    },
    () => null,
  );
  if (!report)
    throw new UnavailableError('Redis is unavailable; the leaderboards were not rebuilt.');
  return report;
}

/** Builds the boards once after Redis started empty (or lost its data); one instance does it. */
export async function ensureLeaderboardsBuilt(): Promise<void> {
  // A rebuild that outlives its lease must not release the lock another instance took since.
  const token = randomUUID();
  const mustBuild = await withKv(
    async (kv) =>
      !(await kv.exists(keys.built)) &&
      (await kv.set(keys.rebuildLock, token, { nx: true, px: 60_000 })),
    () => false,
  );
  if (!mustBuild) return;
  try {
    await rebuildLeaderboards();
  } finally {
    await withKv(
      (kv) => kv.delIfEquals(keys.rebuildLock, token),
      () => false,
    );
  }
}
