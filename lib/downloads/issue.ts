import 'server-only';
import { and, count, eq, gte, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { downloads, editionFiles, editions, libraryItems } from '@/db/schema';
import { env } from '@/lib/config/env';
import { ConflictError, NotFoundError, RateLimitedError } from '@/lib/errors';
import { UNKNOWN_IP } from '@/lib/http/client-ip';
import { newDownloadLink } from './links';
import { isUuid } from '@/db/ids';

export type IssuedDownloadLink = {
  /** Absolute URL on the shop's public origin (AUTH_URL). */
  url: string;
  expiresAt: Date;
};

const DAY_MS = 86_400_000;

const DELIVERED_AS = { key: 'a key', physical: 'a box' } as const;

/** Seconds from `now` until the next midnight UTC, when the daily count starts again. */
export function secondsUntilUtcMidnight(now = Date.now()): number {
  return Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
}

/**
 * Hands the owner of a library item a short-lived signed link to its build. Someone else's item,
 * an unclaimed gift and a refunded (revoked) item all answer the same 404, so ids reveal nothing.
 * Each link counts against DOWNLOADS_PER_DAY for the user's UTC day.
 */
export async function issueDownloadLink(input: {
  userId: string;
  itemId: string;
  ip: string | null;
}): Promise<IssuedDownloadLink> {
  const { userId, itemId } = input;
  if (!isUuid(itemId)) throw new NotFoundError('We could not find that game in your library.');
  const db = await getDb();
  const limit = env().DOWNLOADS_PER_DAY;
  await db.transaction(async (tx) => {
    const [item] = await tx
      .select({ delivery: editions.delivery, storageKey: editionFiles.storageKey })
      .from(libraryItems)
      .innerJoin(editions, eq(editions.id, libraryItems.editionId))
      .leftJoin(editionFiles, eq(editionFiles.editionId, libraryItems.editionId))
      .where(
        and(
          eq(libraryItems.id, itemId),
          eq(libraryItems.userId, userId),
          isNull(libraryItems.revokedAt),
        ),
      );
    if (!item) throw new NotFoundError('We could not find that game in your library.');
    if (item.delivery !== 'download') {
      throw new ConflictError(
        `This edition is delivered as ${DELIVERED_AS[item.delivery]}, not as a download.`,
      );
    }
    if (!item.storageKey) throw new ConflictError('The download is not available yet.');

    // Count and insert under one lock per user: two requests at once could otherwise both see
    // N-1 links and both get one. The namespace keeps clear of other advisory locks (the seed's).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`downloads:${userId}`}))`);
    // The day is the database's, like created_at, so app and database clocks cannot disagree.
    const [today] = await tx
      .select({ n: count() })
      .from(downloads)
      .where(
        and(
          eq(downloads.userId, userId),
          gte(
            downloads.createdAt,
            sql`date_trunc('day', now() at time zone 'utc') at time zone 'utc'`,
          ),
        ),
      );
    if ((today?.n ?? 0) >= limit) {
      throw new RateLimitedError(
        secondsUntilUtcMidnight(),
        `You have used today's ${limit} download links. More are available after midnight UTC.`,
      );
    }
    await tx.insert(downloads).values({
      userId,
      libraryItemId: itemId,
      ip: input.ip && input.ip !== UNKNOWN_IP ? input.ip : null,
    });
  });
  const link = newDownloadLink(itemId, userId);
  return { url: new URL(link.path, env().AUTH_URL).toString(), expiresAt: link.expiresAt };
}
