import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { editions, keyReveals, libraryItems, licenseKeys } from '@/db/schema';
import { noteWrite } from '@/lib/db/read-your-writes';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { enforceRateLimits } from '@/lib/ratelimit';
import { decryptKey } from './crypto';

export type RevealedKey = { key: string; revealedAt: Date; platform: string; editionName: string };

export type RevealRequest = {
  userId: string;
  libraryItemId: string;
  ip: string | null;
  userAgent: string | null;
};

/**
 * Generous for a shopper opening their library, tight for a script walking item ids or
 * harvesting a stolen account's keys.
 */
const REVEAL_LIMIT = { name: 'key-reveal:user', limit: 30, windowSeconds: 600 };

const notFound = () => new NotFoundError('We could not find that game in your library.');

/**
 * Shows the key of a library item to its owner. Every reveal is logged with its address and
 * browser (support answers "I never saw that key" from this log); the first one also marks the
 * key revealed, after which a refund revokes it rather than selling it again. Someone else's item
 * is a 404, exactly like a missing one.
 */
export async function revealKey(request: RevealRequest): Promise<RevealedKey> {
  await enforceRateLimits([{ rule: REVEAL_LIMIT, subject: request.userId }]);
  if (!z.uuid().safeParse(request.libraryItemId).success) throw notFound();
  const db = await getDb();
  const revealed = await db.transaction(async (tx) => {
    const [item] = await tx
      .select({
        licenseKeyId: libraryItems.licenseKeyId,
        delivery: editions.delivery,
        platform: editions.platform,
        editionName: editions.name,
      })
      .from(libraryItems)
      .innerJoin(editions, eq(editions.id, libraryItems.editionId))
      .where(
        and(
          eq(libraryItems.id, request.libraryItemId),
          eq(libraryItems.userId, request.userId),
          isNull(libraryItems.revokedAt),
        ),
      );
    if (!item) throw notFound();
    if (item.delivery !== 'key') {
      throw new ConflictError(
        `This edition is delivered as ${item.delivery === 'download' ? 'a download' : 'a box'}, not by licence key.`,
      );
    }
    if (!item.licenseKeyId) {
      throw new ConflictError(
        'Your key is on its way: we are restocking this edition and will add the key to your library as soon as it arrives.',
      );
    }
    const [key] = await tx
      .select()
      .from(licenseKeys)
      .where(eq(licenseKeys.id, item.licenseKeyId))
      .for('update');
    if (!key || key.status === 'revoked' || key.status === 'available') throw notFound();
    // Opened before anything is written: a key that cannot be opened is never marked as seen.
    const plain = decryptKey(key);
    const [marked] = await tx
      .update(licenseKeys)
      .set({ status: 'revealed', revealedAt: sql`coalesce(${licenseKeys.revealedAt}, now())` })
      .where(eq(licenseKeys.id, key.id))
      .returning({ revealedAt: licenseKeys.revealedAt });
    await tx.insert(keyReveals).values({
      licenseKeyId: key.id,
      userId: request.userId,
      ip: request.ip,
      userAgent: request.userAgent,
    });
    return {
      key: plain,
      revealedAt: marked?.revealedAt ?? new Date(),
      platform: item.platform,
      editionName: item.editionName,
    };
  });
  // The library shows the key as revealed from now on (lib/db/read-your-writes).
  await noteWrite({ userId: request.userId });
  return revealed;
}
