import 'server-only';
import { cachedCatalogRead } from '@/lib/cache';
import { listFacets, productSummaries, withLiveStock } from '@/lib/catalog';
import type { LeaderboardEntry } from '@/lib/catalog/types';
import { NotFoundError } from '@/lib/errors';
import { withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { genreKey, keys, lastSevenDays } from './keys';
import { ensureLeaderboardsBuilt, startOfUtcDay } from './rebuild';
import { ratingsByGenreFromDb, salesFromDb, viewsFromDb, type Scored } from './source';

export const FIXED_BOARDS = ['top-sellers', 'top-sellers-7d', 'most-viewed'] as const;
const TOP_RATED_PREFIX = 'top-rated-';
export const MAX_BOARD_LIMIT = 100;
/** Boards move with every sale and view; a few seconds of staleness buys a query-free read. */
const BOARD_TTL_SECONDS = 30;

type Board =
  | { kind: 'sales' | 'sales-7d' | 'views'; name: string }
  | { kind: 'rated'; name: string; genre: string };

/** Resolves a board name; unknown boards and genres the catalog does not carry are NotFound. */
export async function resolveBoard(name: string): Promise<Board> {
  switch (name) {
    case 'top-sellers':
      return { kind: 'sales', name };
    case 'top-sellers-7d':
      return { kind: 'sales-7d', name };
    case 'most-viewed':
      return { kind: 'views', name };
  }
  if (name.startsWith(TOP_RATED_PREFIX)) {
    const wanted = name.slice(TOP_RATED_PREFIX.length);
    const { genres } = await listFacets();
    const genre = genres.find((g) => genreKey(g) === wanted);
    if (genre)
      return {
        kind: 'rated',
        name: `${TOP_RATED_PREFIX}${genreKey(genre)}`,
        genre: genreKey(genre),
      };
  }
  throw new NotFoundError(`There is no leaderboard called "${name}".`);
}

/** Every board a shopper can ask for, with the genres the catalog carries today. */
export async function boardNames(): Promise<string[]> {
  const { genres } = await listFacets();
  return [...FIXED_BOARDS, ...genres.map((g) => `${TOP_RATED_PREFIX}${genreKey(g)}`)];
}

async function fromRedis(kv: Kv, board: Board, count: number): Promise<Scored[]> {
  const toScored = (members: { member: string; score: number }[]) =>
    members.map((m) => ({ id: m.member, score: m.score }));
  switch (board.kind) {
    case 'sales':
      return toScored(await kv.zrange(keys.topSellers, 0, count - 1, { rev: true }));
    case 'views':
      return toScored(await kv.zrange(keys.mostViewed, 0, count - 1, { rev: true }));
    case 'rated':
      return toScored(await kv.zrange(keys.topRated(board.genre), 0, count - 1, { rev: true }));
    case 'sales-7d': {
      // Seven daily buckets merged here: no ZUNIONSTORE, no extra key to keep in step.
      const days = await Promise.all(
        lastSevenDays().map((day) => kv.zrange(keys.salesDay(day), 0, -1)),
      );
      const totals = new Map<string, number>();
      for (const day of days)
        for (const m of day) totals.set(m.member, (totals.get(m.member) ?? 0) + m.score);
      return [...totals]
        .map(([id, score]) => ({ id, score }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, count);
    }
  }
}

async function fromPostgres(board: Board): Promise<Scored[]> {
  switch (board.kind) {
    case 'sales':
      return salesFromDb();
    case 'sales-7d':
      return salesFromDb(startOfUtcDay(new Date(), 6));
    case 'views':
      return viewsFromDb();
    case 'rated':
      return (await ratingsByGenreFromDb()).get(board.genre) ?? [];
  }
}

const clampLimit = (limit: number) => Math.min(Math.max(1, Math.trunc(limit)), MAX_BOARD_LIMIT);

async function readResolved(board: Board, take: number): Promise<LeaderboardEntry[]> {
  // Extra candidates stand in for games archived since they scored.
  const want = take + 10;
  await ensureLeaderboardsBuilt();
  const scored =
    (await withKv(
      (kv) => fromRedis(kv, board, want),
      async () => null,
    )) ?? (await fromPostgres(board)).slice(0, want);
  const summaries = await productSummaries(scored.map((s) => s.id));
  const scoreOf = new Map(scored.map((s) => [s.id, s.score]));
  return summaries.slice(0, take).map((product, i) => ({
    ...product,
    rank: i + 1,
    score: board.kind === 'rated' ? product.rating : (scoreOf.get(product.id) ?? 0),
  }));
}

/** A board read now, from Redis (or from Postgres while Redis is down); not cached. */
export async function readBoard(name: string, limit = 10): Promise<LeaderboardEntry[]> {
  return readResolved(await resolveBoard(name), clampLimit(limit));
}

/** A board as the API serves it: cached briefly for every instance. */
export async function leaderboard(name: string, limit = 10): Promise<LeaderboardEntry[]> {
  const board = await resolveBoard(name);
  const take = clampLimit(limit);
  const entries = await cachedCatalogRead(
    `board:${board.name}:${take}`,
    () => readResolved(board, take),
    {
      ttlSeconds: BOARD_TTL_SECONDS,
    },
  );
  return withLiveStock(entries ?? []);
}
