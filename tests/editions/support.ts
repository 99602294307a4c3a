import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cartItems, carts, jobs, libraryItems, licenseKeys, orders } from '@/db/schema';
import { resetEnvForTests } from '@/lib/config/env';
import type { JobType } from '@/lib/jobs';
import { jobHandlers as handlers } from '@/lib/server/jobs';
import { getKv } from '@/lib/kv';
import { confirmHostedPayment, handlePaymentWebhook, TEST_CARDS } from '@/lib/payments';
import { counterKey } from '@/lib/stock';
import { importKeys } from '@/lib/vault';
import { decryptKey } from '@/lib/vault/crypto';
import { addEdition, makeGame } from '../support/editions';
import { actorOf, licenceKeys } from '../vault/fixtures';

/*
 * Rows of the editions tests: games with the editions each test asks for (no hidden physical
 * edition), keys imported through the vault as staff would, orders paid through the hosted page
 * and the signed webhook, queued jobs run one by one by their dedupe key.
 */

export const tag = () => randomBytes(4).toString('hex');

export function useWebhookSecret(): void {
  process.env.PAYMENT_WEBHOOK_SECRET = 'editions-test-webhook-secret-0123';
  resetEnvForTests();
}

export { makeGame };

/**
 * A key edition of `productId` stocked the way staff stock one: `keys` plain keys imported into
 * the vault, so its stock is exactly the keys on sale. Returns the edition and the plain keys.
 */
export async function keyEdition(
  productId: string,
  opts: { keys: number; priceCents?: number; name?: string; position?: number },
) {
  const edition = await addEdition(productId, {
    stock: 0,
    delivery: 'key',
    priceCents: opts.priceCents,
    name: opts.name,
    position: opts.position,
  });
  const plain = licenceKeys(opts.keys);
  if (plain.length) {
    const report = await importKeys({
      editionId: edition.id,
      body: plain.join('\n'),
      contentType: 'text/plain',
      actor: await actorOf(),
    });
    if (report.imported !== plain.length)
      throw new Error(`imported ${report.imported} of ${plain.length} keys`);
  }
  return { ...edition, stock: plain.length, keys: plain };
}

/** A key-edition game: the game and its one key edition with `keys` keys. */
export async function keyGame(keys: number, priceCents = 2000) {
  const game = await makeGame({ priceCents });
  const edition = await keyEdition(game.id, { keys, priceCents });
  return { game, edition };
}

const intentOf = (paymentUrl: string | null) => {
  if (!paymentUrl) throw new Error('the order has no payment page');
  return paymentUrl.split('/').pop()!;
};

/**
 * Pays an order on the hosted page with the test card, the webhook reached in process (as
 * tests/orders/payments.test.ts does). A webhook failure is rethrown: the hosted page would only
 * queue a retry and answer "approved".
 */
export async function pay(paymentUrl: string | null, cardNumber: string = TEST_CARDS.success) {
  let failure: unknown;
  const outcome = await confirmHostedPayment(
    intentOf(paymentUrl),
    { method: 'card', cardNumber },
    async (body, signature) => {
      try {
        await handlePaymentWebhook(body, signature);
      } catch (err) {
        failure = err;
        throw err;
      }
    },
  );
  if (failure) throw failure;
  return outcome;
}

/** Runs the queued job with this dedupe key through its handler, as a worker would, once. */
export async function runJob(dedupeKey: string): Promise<void> {
  const db = await getDb();
  const [job] = await db.select().from(jobs).where(eq(jobs.dedupeKey, dedupeKey));
  if (!job) throw new Error(`no job queued as ${dedupeKey}`);
  const type = job.type as JobType;
  const handler = handlers[type] as (
    payload: unknown,
    ctx: { jobId: number; attempt: number },
  ) => Promise<void>;
  await handler(job.payload, { jobId: job.id, attempt: job.attempts + 1 });
  await db.update(jobs).set({ status: 'done', completedAt: new Date() }).where(eq(jobs.id, job.id));
}

export async function orderRow(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
  return row;
}

export async function ordersOf(userId: string) {
  const db = await getDb();
  return db.select().from(orders).where(eq(orders.userId, userId));
}

export async function cartLinesOf(userId: string) {
  const db = await getDb();
  return db
    .select({ editionId: cartItems.editionId, quantity: cartItems.quantity })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(eq(carts.userId, userId));
}

export async function itemsOfOrder(orderId: string) {
  const db = await getDb();
  return db.select().from(libraryItems).where(eq(libraryItems.orderId, orderId));
}

export async function keysOfEdition(editionId: string) {
  const db = await getDb();
  return db.select().from(licenseKeys).where(eq(licenseKeys.editionId, editionId));
}

export async function keysOfOrder(orderId: string) {
  const db = await getDb();
  return db.select().from(licenseKeys).where(eq(licenseKeys.orderId, orderId));
}

export async function keysByIds(ids: string[]) {
  if (!ids.length) return [];
  const db = await getDb();
  return db.select().from(licenseKeys).where(inArray(licenseKeys.id, ids));
}

/** The plain text of vault rows, opened as a reveal would. */
export const plainOf = (rows: { vaultKeyId: string; ciphertext: string }[]) =>
  rows.map((r) => decryptKey(r));

/** What the Redis gate counter holds for an edition, or null when it has none. */
export async function counter(editionId: string): Promise<number | null> {
  const value = await getKv().get<number>(counterKey(editionId));
  return value === null || value === undefined ? null : Number(value);
}

export async function countAvailableKeys(editionId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(licenseKeys)
    .where(and(eq(licenseKeys.editionId, editionId), eq(licenseKeys.status, 'available')));
  return Number(row?.n ?? 0);
}

/** The claim token in a gift mail's link. */
export function tokenIn(text: string): string {
  const match = /\/gifts\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no claim link in:\n${text}`);
  return decodeURIComponent(match[1]!);
}
