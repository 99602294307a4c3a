import 'server-only';
import { and, asc, count, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { getDb, rowsOf, transaction, type Tx } from '@/db/client';
import {
  cartItems,
  carts,
  editions,
  gifts,
  orderEvents,
  orderItems,
  orders,
  payments,
  products,
} from '@/db/schema';
import { ConflictError, ValidationError } from '@/lib/errors';
import { env } from '@/lib/config/env';
import { enqueue, enqueueMany, type NewJob } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import { mailMode } from '@/lib/mail';
import type { JobType } from '@/lib/jobs/types';
import { openIntentSoon } from '@/lib/payments/intents';
import type { PaymentProvider } from '@/lib/payments/provider';
import { DEFAULT_PROVIDER, providerNamed } from '@/lib/payments/registry';
import { cartLinesForGate, dropCartMirror, gatedLines, mirrorCartLines } from '@/lib/cart';
import { noteWrite } from '@/lib/db/read-your-writes';
import { withKv } from '@/lib/kv';
import {
  GatePass,
  markUnsynced,
  outOfStock,
  passStockGate,
  stockMoved,
  type StockMove,
} from '@/lib/stock';
import { claimKey, requestHash, storeResponse } from './idempotency';
import { LOW_STOCK_THRESHOLD, MAX_OPEN_UNPAID_ORDERS, needsShipping, totalsFor } from './pricing';
import { toOrderDetail } from './queries';
import type { PlaceOrderInput } from './schemas';
import type { PlacedOrder } from './types';

const SCOPE = 'orders.create';
type PaymentRow = typeof payments.$inferSelect;
/** The queued retry of opening a payment intent waits this long for the checkout's own call. */
const INTENT_RETRY_DELAY_MS = 60_000;

type Line = {
  editionId: string;
  editionName: string;
  platform: string;
  delivery: 'key' | 'download' | 'physical';
  productId: string;
  title: string;
  slug: string;
  priceCents: number;
  currency: string;
  quantity: number;
  /** Null: an edition that never runs out. */
  stock: number | null;
  archived: boolean;
};

async function lockCartLines(tx: Tx, userId: string): Promise<{ cartId: string; lines: Line[] }> {
  // The cart row lock makes two checkouts of one cart (two tabs, two keys) run one after the other,
  // and every cart write waits for it too (level 2 of the lock order in db/locks.ts).
  const [cart] = await tx
    .select({ id: carts.id })
    .from(carts)
    .where(eq(carts.userId, userId))
    .for('update');
  if (!cart) throw new ConflictError('Your cart is empty.');
  const lines = await tx
    .select({
      editionId: cartItems.editionId,
      editionName: editions.name,
      platform: editions.platform,
      delivery: editions.delivery,
      productId: products.id,
      title: products.title,
      slug: products.slug,
      priceCents: editions.priceCents,
      currency: editions.currency,
      quantity: cartItems.quantity,
      stock: editions.stock,
      archived: sql<boolean>`${products.archivedAt} is not null or ${editions.archivedAt} is not null`,
    })
    .from(cartItems)
    .innerJoin(editions, eq(editions.id, cartItems.editionId))
    .innerJoin(products, eq(products.id, editions.productId))
    .where(eq(cartItems.cartId, cart.id))
    // Editions are locked in this order by reserveStock (level 5 of db/locks.ts: id order).
    .orderBy(asc(cartItems.editionId));
  if (!lines.length) throw new ConflictError('Your cart is empty.');
  return { cartId: cart.id, lines };
}

const lineName = (line: Line) => `${line.title} (${line.editionName})`;

function unavailable(line: Line, left: number): ConflictError {
  if (line.archived)
    return new ConflictError(`${lineName(line)} is no longer sold.`, {
      [line.editionId]: ['unavailable'],
    });
  return outOfStock({ unit: line.editionId, title: lineName(line) }, left);
}

/**
 * What the cart asks of checkout: a box needs an address (whose country bills unless another is
 * given) and is the only thing cash on delivery can pay for; a gift must be all digital.
 */
function checkoutFits(lines: Line[], input: PlaceOrderInput): { billingCountry: string } {
  const posted = needsShipping(lines);
  if (posted && !input.shippingAddress) {
    throw new ValidationError('Your cart has a boxed edition: enter where to ship it.', {
      shippingAddress: ['Enter a shipping address.'],
    });
  }
  if (input.paymentMethod === 'cod' && lines.some((l) => l.delivery !== 'physical')) {
    throw new ValidationError(
      'Cash on delivery is only for boxed editions: pay digital editions by card or wallet.',
      {
        paymentMethod: ['Cash on delivery is only for boxed editions.'],
      },
    );
  }
  if (input.gift && mailMode() === 'disabled') {
    throw new ValidationError(
      'Gifts are sent by mail, and this shop sends no mail: buy the game for yourself.',
      {
        gift: ['Gifts need mail, which is switched off here.'],
      },
    );
  }
  if (input.gift && posted) {
    throw new ValidationError(
      'Only digital editions can be sent as a gift: order the boxed edition separately.',
      {
        gift: ['Only digital editions can be gifts.'],
      },
    );
  }
  // An address given with a digital cart is not kept, but its country still says where to bill.
  const billingCountry = input.billingCountry ?? input.shippingAddress?.country;
  if (!billingCountry) {
    throw new ValidationError('Choose your billing country.', {
      billingCountry: ['Choose your billing country.'],
    });
  }
  return { billingCountry };
}

/**
 * Refuses early what the stock we just read cannot cover: in a rush the losers then cost one read,
 * not a whole order. Only a shortcut: the conditional decrement below is what guarantees stock.
 */
function precheck(lines: Line[]): void {
  for (const line of lines) {
    if (line.archived || (line.stock !== null && line.stock < line.quantity))
      throw unavailable(line, line.stock ?? 0);
  }
}

/** Refuses a new order while the shopper already has as many unpaid ones as we let them hold. */
async function assertRoomForUnpaidOrder(tx: Tx, userId: string): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(orders)
    .where(
      and(
        eq(orders.userId, userId),
        eq(orders.status, 'pending_payment'),
        // Past its deadline an order is the sweeper's, whether or not it has run yet.
        or(isNull(orders.expiresAt), gt(orders.expiresAt, new Date())),
      ),
    );
  if ((row?.n ?? 0) >= MAX_OPEN_UNPAID_ORDERS) {
    throw new ConflictError(
      `You already have ${MAX_OPEN_UNPAID_ORDERS} orders waiting for payment. Pay or cancel one of them first.`,
    );
  }
}

/**
 * Takes the units off the shelf (for a key edition: promises keys of the vault, assigned when the
 * order is paid), or fails naming the edition; the CHECK constraint backs it up. An edition with
 * no stock to count (an uncapped download) moves nothing.
 */
async function reserveStock(tx: Tx, line: Line): Promise<StockMove | null> {
  if (line.stock === null) return null;
  const [row] = rowsOf<{ stock: number }>(
    await tx.execute(sql`
      update editions set stock = stock - ${line.quantity}, updated_at = now()
      where id = ${line.editionId} and stock >= ${line.quantity}
      returning stock
    `),
  );
  if (row) return { unit: line.editionId, delta: -line.quantity, stockAfter: row.stock };
  const [current] = await tx
    .select({ stock: editions.stock })
    .from(editions)
    .where(eq(editions.id, line.editionId));
  throw unavailable(line, current?.stock ?? 0);
}

/**
 * Turns the shopper's cart into an order in one transaction: stock is reserved with a conditional
 * decrement (never negative, never sold twice), prices are snapshotted, the cart is emptied and
 * the order's side effects are queued. The same Idempotency-Key returns the same order.
 */
export async function placeOrder(
  userId: string,
  input: PlaceOrderInput,
  idempotencyKey: string,
  provider: PaymentProvider = providerNamed(DEFAULT_PROVIDER),
): Promise<PlacedOrder & { replayed: boolean }> {
  const hash = requestHash(input);
  // Taken once, before the transaction: a retried transaction (deadlock victim) reconciles the
  // same pass with what it reads, and the pass is given back once if the last try fails.
  const pass = (await isFirstTry(userId, idempotencyKey)) ? await gate(userId) : GatePass.open();
  const outcome = await transaction(async (tx) => {
    const claim = await claimKey<PlacedOrder>(tx, userId, SCOPE, idempotencyKey, hash);
    if (!claim.fresh)
      return {
        placed: claim.body,
        replayed: true,
        moves: [] as StockMove[],
        payment: null as PaymentRow | null,
      };

    const { cartId, lines } = await lockCartLines(tx, userId);
    // The cart may have changed since its copy was read: the gate follows what is really ordered.
    await pass.reconcile(gatedLines(lines), tx);
    precheck(lines);
    const { billingCountry } = checkoutFits(lines, input);
    // After the cart lock: two checkouts of one shopper count one after the other.
    await assertRoomForUnpaidOrder(tx, userId);
    const currency = lines[0]!.currency;
    if (lines.some((l) => l.currency !== currency)) {
      throw new ValidationError('Your cart mixes currencies; order the games in separate orders.');
    }
    const jobs: NewJob<JobType>[] = [];
    const totals = totalsFor(lines, billingCountry);
    const paysLater = input.paymentMethod === 'cod';
    const expiresAt = paysLater ? null : new Date(Date.now() + env().ORDER_EXPIRY_MINUTES * 60_000);
    const [order] = await tx
      .insert(orders)
      .values({
        userId,
        paymentMethod: input.paymentMethod,
        ...totals,
        currency,
        billingCountry,
        shippingAddress: needsShipping(lines) ? (input.shippingAddress ?? null) : null,
        expiresAt,
      })
      .returning();
    const orderId = order!.id;
    const items = await tx
      .insert(orderItems)
      .values(
        lines.map((l) => ({
          orderId,
          productId: l.productId,
          editionId: l.editionId,
          editionName: l.editionName,
          platform: l.platform,
          delivery: l.delivery,
          title: l.title,
          slug: l.slug,
          unitPriceCents: l.priceCents,
          quantity: l.quantity,
        })),
      )
      .returning();
    const events = await tx
      .insert(orderEvents)
      .values({
        orderId,
        fromStatus: null,
        toStatus: 'pending_payment',
        actorId: userId,
        note: paysLater ? 'Order placed; pay on delivery' : 'Order placed; awaiting payment',
      })
      .returning();

    const gift = input.gift
      ? (
          await tx
            .insert(gifts)
            .values({
              orderId,
              senderId: userId,
              recipientEmail: input.gift.email,
              message: input.gift.message,
              // Replaced by the hash of the token the claim mail carries, when it is sent.
              tokenHash: `unsent:${orderId}`,
            })
            .returning()
        )[0]!
      : null;

    let paymentUrl: string | null = null;
    let payment: PaymentRow | null = null;
    if (input.paymentMethod !== 'cod') {
      // Nothing is asked of the provider inside this transaction (it may roll back, or run twice):
      // the intent gets our reference now and is opened after the commit, with this row's id as
      // the idempotency key; the job is the retry if that call fails. The hosted page works from
      // this row, so its URL can be answered at once.
      const intentId = provider.newIntentId();
      const [row] = await tx
        .insert(payments)
        .values({
          orderId,
          provider: provider.name,
          method: input.paymentMethod,
          intentId,
          amountCents: totals.totalCents,
          currency,
        })
        .returning();
      payment = row!;
      paymentUrl = `/pay/${intentId}`;
      jobs.push({
        type: 'payments.create_intent',
        payload: { paymentId: row!.id },
        dedupeKey: `intent:${row!.id}`,
        // After the checkout's own call has had its chance.
        runAt: new Date(Date.now() + INTENT_RETRY_DELAY_MS),
      });
    } else {
      jobs.push({
        type: 'mail.order_receipt',
        payload: { orderId },
        dedupeKey: `receipt:${orderId}`,
      });
    }
    await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
    // Built from the rows just written: reading them back would cost five more queries.
    const byTitle = [...items].sort((a, b) => a.title.localeCompare(b.title));
    const detail = toOrderDetail(order!, byTitle, events, payment ?? null, 0, gift);
    const placed: PlacedOrder = { order: detail, paymentUrl };
    await storeResponse(tx, userId, SCOPE, idempotencyKey, 201, placed);

    // Stock last: a product row stays locked from its decrement to the commit, so in a rush on one
    // game that window must be as short as possible. A refusal rolls everything above back.
    const day = new Date().toISOString().slice(0, 10);
    const moves: StockMove[] = [];
    for (const line of lines) {
      const move = await reserveStock(tx, line);
      if (!move) continue;
      const left = move.stockAfter;
      if (left <= LOW_STOCK_THRESHOLD && left + line.quantity > LOW_STOCK_THRESHOLD) {
        jobs.push({
          type: 'stock.low_alert',
          payload: { productId: line.productId, editionId: line.editionId, stock: left },
          dedupeKey: `low-stock:${line.editionId}:${day}`,
        });
      }
      moves.push(move);
    }
    await enqueueMany(tx, jobs);
    return { placed, replayed: false, moves, payment };
  }).catch(async (err: unknown) => {
    await pass.release();
    throw err;
  });
  // Before anything else answers: the order page and /pay, right after, must find the order.
  await noteWrite({ userId });
  await settleGate(userId, pass, outcome);
  if (outcome.payment) await openIntentSoon(outcome.payment, provider);
  const expiresAt = outcome.placed.order.expiresAt;
  if (!outcome.replayed && expiresAt) await askExpirySweep(new Date(expiresAt));
  return { ...outcome.placed, replayed: outcome.replayed };
}

/**
 * Whether this Idempotency-Key is new. A key seen before may belong to an order that is still
 * committing or has committed: its retry must reach the idempotency check in the transaction and
 * replay, not be refused at the gate for the unit its first try took.
 */
async function isFirstTry(userId: string, idempotencyKey: string): Promise<boolean> {
  return withKv(
    (kv) => kv.set(`idem:${SCOPE}:${userId}:${idempotencyKey}`, 1, { nx: true, ex: 24 * 3600 }),
    () => true,
  );
}

/**
 * Buyers beyond the stock are refused here, before any query. A refusal also drops the cart's copy,
 * so one that was stale cannot keep refusing: the next try reads the cart from PostgreSQL.
 */
async function gate(userId: string): Promise<GatePass> {
  try {
    return await passStockGate(await cartLinesForGate(userId));
  } catch (err) {
    if (err instanceof ConflictError) void dropCartMirror(userId);
    throw err;
  }
}

/** Minutes of deadlines this process has already asked a sweep for. */
const sweepsAsked = new Set<number>();

/**
 * A sweep right after an unpaid order's deadline, one per minute of deadlines, besides the
 * periodic one. Asked after the order commits and once per process and minute: inside the order's
 * transaction, every order of a minute would wait on the same job row's lock.
 */
async function askExpirySweep(expiresAt: Date): Promise<void> {
  const minute = Math.ceil(expiresAt.getTime() / 60_000);
  if (sweepsAsked.has(minute)) return;
  sweepsAsked.add(minute);
  if (sweepsAsked.size > 1000) sweepsAsked.clear();
  try {
    await enqueue(await getDb(), {
      type: 'orders.expire_sweep',
      payload: {},
      dedupeKey: `expire-sweep:${minute}`,
      runAt: new Date(minute * 60_000 + 1000),
    });
  } catch (err) {
    sweepsAsked.delete(minute);
    log.warn(
      { err },
      'could not schedule an expiry sweep; the periodic sweep will expire the order',
    );
  }
}

/** After the transaction: the gate keeps what was sold and gives back what a replay did not take. */
async function settleGate(
  userId: string,
  pass: GatePass,
  outcome: { replayed: boolean; moves: StockMove[] },
): Promise<void> {
  if (outcome.replayed) {
    await pass.release();
    return;
  }
  await mirrorCartLines(userId, []);
  // Sold while the gate was down: those counters are rebuilt from PostgreSQL once Redis is back.
  if (!pass.gated) markUnsynced(outcome.moves.map((m) => m.unit));
  await stockMoved('sold', outcome.moves);
}
