import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { gifts, libraryItems, orderItems } from '@/db/schema';
import { enqueueMany, type NewJob } from '@/lib/jobs/queue';
import type { JobType } from '@/lib/jobs/types';
import { assignKeys } from '@/lib/vault/assign';

type PaidOrder = { id: string; userId: string };

/**
 * Hands over the digital editions of an order the moment it is paid, in the paying transaction:
 * one library item per unit (the buyer's, or nobody's until a gift is claimed), and a key from the
 * vault for each unit of a key edition. Returns whether everything in the order is now delivered
 * (nothing is left to post), so the caller can mark the order fulfilled.
 */
export async function deliverOrder(tx: Tx, order: PaidOrder): Promise<{ allDelivered: boolean }> {
  const lines = await tx
    .select({
      editionId: orderItems.editionId,
      delivery: orderItems.delivery,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id));
  const digital = lines.filter((l) => l.delivery !== 'physical');
  if (!digital.length) return { allDelivered: false };
  const [gift] = await tx.select({ id: gifts.id }).from(gifts).where(eq(gifts.orderId, order.id));
  const items = await tx
    .insert(libraryItems)
    .values(
      digital.flatMap((l) =>
        Array.from({ length: l.quantity }, () => ({
          userId: gift ? null : order.userId,
          orderId: order.id,
          editionId: l.editionId,
          giftId: gift?.id ?? null,
        })),
      ),
    )
    .returning({ id: libraryItems.id, editionId: libraryItems.editionId });
  const keyed = new Set(digital.filter((l) => l.delivery === 'key').map((l) => l.editionId));
  const wantKeys = items
    .filter((i) => keyed.has(i.editionId))
    .map((i) => ({ libraryItemId: i.id, editionId: i.editionId }));
  if (wantKeys.length) await assignKeys(tx, wantKeys, order.id);
  const jobs: NewJob<JobType>[] = [];
  if (gift)
    jobs.push({ type: 'mail.gift', payload: { giftId: gift.id }, dedupeKey: `gift:${gift.id}` });
  await enqueueMany(tx, jobs);
  return { allDelivered: digital.length === lines.length };
}

/** A refund or cancellation takes the order's games out of every library they reached. */
export async function revokeLibraryItems(tx: Tx, orderIds: string[]): Promise<number> {
  if (!orderIds.length) return 0;
  const revoked = await tx
    .update(libraryItems)
    .set({ revokedAt: new Date() })
    .where(and(inArray(libraryItems.orderId, orderIds), isNull(libraryItems.revokedAt)))
    .returning({ id: libraryItems.id });
  return revoked.length;
}
