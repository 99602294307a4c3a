import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { gifts, libraryItems, orderItems, orders, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { noteWrite } from '@/lib/db/read-your-writes';
import { ConflictError, NotFoundError, RateLimitedError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/queue';
import { sendMail } from '@/lib/mail';
import { giftMail } from './mails';
import { isUuid } from '@/db/ids';

/** Each send makes a new link and retires the previous one; this many sends per gift at most. */
export const MAX_GIFT_SENDS = 5;

/** Only the hash is stored: the claim link lives in the recipient's mail alone. */
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const claimLink = (token: string) =>
  `${env().AUTH_URL.replace(/\/$/, '')}/gifts/${encodeURIComponent(token)}`;

/**
 * Mails the recipient a fresh claim link (the job behind both the first send and a resend). A
 * claimed gift is not sent again.
 */
export async function sendGiftMail(giftId: string): Promise<void> {
  const db = await getDb();
  const token = randomBytes(32).toString('base64url');
  const [gift] = await db
    .update(gifts)
    .set({
      tokenHash: hashToken(token),
      sentAt: new Date(),
      sendCount: sql`${gifts.sendCount} + 1`,
    })
    .where(
      and(
        eq(gifts.id, giftId),
        isNull(gifts.claimedAt),
        sql`exists (select 1 from ${orders} where ${orders.id} = ${gifts.orderId} and ${orders.status} = 'fulfilled')`,
      ),
    )
    .returning();
  if (!gift) return;
  const [sender] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, gift.senderId));
  const items = await db
    .select({
      title: orderItems.title,
      editionName: orderItems.editionName,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, gift.orderId));
  await sendMail(
    giftMail(
      gift.recipientEmail,
      sender?.name ?? 'A friend',
      gift.message,
      items,
      claimLink(token),
    ),
  );
}

/** The sender sends an unclaimed gift's link again (a new link; the old one stops working). */
export async function resendGift(userId: string, orderId: string): Promise<void> {
  if (!isUuid(orderId)) throw new NotFoundError('Gift not found.');
  const db = await getDb();
  const [gift] = await db
    .select({
      id: gifts.id,
      claimedAt: gifts.claimedAt,
      sendCount: gifts.sendCount,
      status: orders.status,
    })
    .from(gifts)
    .innerJoin(orders, eq(orders.id, gifts.orderId))
    .where(and(eq(gifts.orderId, orderId), eq(gifts.senderId, userId)));
  if (!gift) throw new NotFoundError('Gift not found.');
  if (gift.claimedAt) throw new ConflictError('Your friend already claimed this gift.');
  if (gift.status !== 'fulfilled')
    throw new ConflictError('The gift is sent once the order is paid.');
  if (gift.sendCount >= MAX_GIFT_SENDS) {
    throw new RateLimitedError(
      3600,
      `This gift was sent ${MAX_GIFT_SENDS} times already. Refund it or contact support.`,
    );
  }
  // A fresh dedupe key per send: the first send's job stays in the queue's history.
  await enqueue(db, {
    type: 'mail.gift',
    payload: { giftId: gift.id },
    dedupeKey: `gift:${gift.id}:${gift.sendCount + 1}`,
  });
}

export type GiftPreview = {
  from: string;
  message: string;
  items: { title: string; editionName: string; quantity: number }[];
  claimed: boolean;
};

async function giftByToken(token: string) {
  const db = await getDb();
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [gift] = await db
    .select({ gift: gifts, status: orders.status, senderName: users.name })
    .from(gifts)
    .innerJoin(orders, eq(orders.id, gifts.orderId))
    .innerJoin(users, eq(users.id, gifts.senderId))
    .where(eq(gifts.tokenHash, hashToken(token)));
  return gift ?? null;
}

/**
 * What a claim link shows before sign-in: who sent what. Unknown, retired and refunded links are
 * all the same 404.
 */
export async function previewGift(token: string): Promise<GiftPreview> {
  const found = await giftByToken(token);
  if (!found || found.status === 'refunded' || found.status === 'refund_requested')
    throw new NotFoundError('This gift link is not valid.');
  const db = await getDb();
  const items = await db
    .select({
      title: orderItems.title,
      editionName: orderItems.editionName,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, found.gift.orderId));
  return {
    from: found.senderName,
    message: found.gift.message,
    items,
    claimed: found.gift.claimedAt !== null,
  };
}

/**
 * Puts a gift in the claimer's library. It is claimed by the account of the address it was sent
 * to: another account, like a stale or unknown link, gets a 404. A second claim by the same
 * account answers as the first did (a retried request); the items move once.
 */
export async function claimGift(
  user: { id: string; email: string },
  token: string,
): Promise<{ items: number }> {
  const found = await giftByToken(token);
  if (!found || found.gift.recipientEmail.toLowerCase() !== user.email.toLowerCase()) {
    throw new NotFoundError('This gift link is not valid for your account.');
  }
  const db = await getDb();
  const claimed = await db.transaction(async (tx) => {
    const [gift] = await tx.select().from(gifts).where(eq(gifts.id, found.gift.id)).for('update');
    const [order] = await tx
      .select({ status: orders.status })
      .from(orders)
      .where(eq(orders.id, found.gift.orderId));
    if (!gift || !order || order.status === 'refunded' || order.status === 'refund_requested') {
      throw new NotFoundError('This gift link is not valid for your account.');
    }
    if (gift.claimedBy) {
      if (gift.claimedBy !== user.id)
        throw new NotFoundError('This gift link is not valid for your account.');
      const owned = await tx
        .select({ id: libraryItems.id })
        .from(libraryItems)
        .where(eq(libraryItems.giftId, gift.id));
      return { items: owned.length };
    }
    if (order.status !== 'fulfilled') throw new ConflictError('This gift is not paid for yet.');
    const moved = await tx
      .update(libraryItems)
      .set({ userId: user.id })
      .where(
        and(
          eq(libraryItems.giftId, gift.id),
          isNull(libraryItems.userId),
          isNull(libraryItems.revokedAt),
        ),
      )
      .returning({ id: libraryItems.id });
    await tx
      .update(gifts)
      .set({ claimedBy: user.id, claimedAt: new Date() })
      .where(eq(gifts.id, gift.id));
    return { items: moved.length };
  });
  // The claim page sends the claimer to their library, which must hold the games.
  await noteWrite({ userId: user.id });
  return claimed;
}
