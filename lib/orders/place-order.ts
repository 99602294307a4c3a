import 'server-only';
import { and, asc, count, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { getDb, rowsOf, type Tx } from '@/db/client';
import { cartItems, carts, orderEvents, orderItems, orders, payments, products } from '@/db/schema';
import { ConflictError, ValidationError } from '@/lib/errors';
import { env } from '@/lib/config/env';
import { enqueue, enqueueMany, type NewJob } from '@/lib/jobs/queue';
import { log } from '@/lib/log';
import type { JobType } from '@/lib/jobs/types';
import { simulatedProvider } from '@/lib/payments/simulated';
import type { PaymentProvider } from '@/lib/payments/provider';
import { cartLinesForGate, dropCartMirror, mirrorCartLines } from '@/lib/cart';
import { withKv } from '@/lib/kv';
import {
  GatePass,
  markUnsynced,
  outOfStock,
  passStockGate,
  stockMoved,
  type GateLine,
  type StockMove,
} from '@/lib/stock';
import { claimKey, requestHash, storeResponse } from './idempotency';
import { LOW_STOCK_THRESHOLD, MAX_OPEN_UNPAID_ORDERS, totalsFor } from './pricing';
import { toOrderDetail } from './queries';
import type { PlaceOrderInput } from './schemas';
import type { PlacedOrder } from './types';

const SCOPE = 'orders.create';

type Line = {
  productId: string;
  title: string;
  slug: string;
  priceCents: number;
  currency: string;
  quantity: number;
  stock: number;
  archived: boolean;
};

async function lockCartLines(tx: Tx, userId: string): Promise<{ cartId: string; lines: Line[] }> {
  // The cart row lock makes two checkouts of one cart (two tabs, two keys) run one after the other.
  const [cart] = await tx
    .select({ id: carts.id })
    .from(carts)
    .where(eq(carts.userId, userId))
    .for('update');
  if (!cart) throw new ConflictError('Your cart is empty.');
  const lines = await tx
    .select({
      productId: cartItems.productId,
      title: products.title,
      slug: products.slug,
      priceCents: products.priceCents,
      currency: products.currency,
      quantity: cartItems.quantity,
      stock: products.stock,
      archived: sql<boolean>`${products.archivedAt} is not null`,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, cart.id))
    // One lock order for every checkout: two orders sharing games can never deadlock.
    .orderBy(asc(cartItems.productId));
  if (!lines.length) throw new ConflictError('Your cart is empty.');
  return { cartId: cart.id, lines };
}

function unavailable(line: Line, left: number): ConflictError {
  if (line.archived)
    return new ConflictError(`${line.title} is no longer sold.`, {
      [line.productId]: ['unavailable'],
    });
  return outOfStock({ unit: line.productId, title: line.title }, left);
}

const gateLine = (l: Pick<Line, 'productId' | 'quantity' | 'title'>): GateLine => ({
  unit: l.productId,
  quantity: l.quantity,
  title: l.title,
});


/**
 * Refuses early what the stock we just read cannot cover: in a rush the losers then cost one read,
 * not a whole order. Only a shortcut: the conditional decrement below is what guarantees stock.
 */
function precheck(lines: Line[]): void {
  for (const line of lines) {
    if (line.archived || line.stock < line.quantity) throw unavailable(line, line.stock);
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

/** Takes the units off the shelf, or fails naming the game; the CHECK constraint backs it up. */
async function reserveStock(tx: Tx, line: Line): Promise<StockMove> {
  const [row] = rowsOf<{ stock: number }>(
    await tx.execute(sql`
      update products set stock = stock - ${line.quantity}, updated_at = now()
      where id = ${line.productId} and stock >= ${line.quantity}
      returning stock
    `),
  );
  if (row) return { unit: line.productId, delta: -line.quantity, stockAfter: row.stock };
  const [current] = await tx
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, line.productId));
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
  provider: PaymentProvider = simulatedProvider,
): Promise<PlacedOrder & { replayed: boolean }> {
  const db = await getDb();
  const hash = requestHash(input);
  const pass = (await isFirstTry(userId, idempotencyKey)) ? await gate(userId) : GatePass.open();
  const outcome = await db
    .transaction(async (tx) => {
      const claim = await claimKey<PlacedOrder>(tx, userId, SCOPE, idempotencyKey, hash);
      if (!claim.fresh) return { placed: claim.body, replayed: true, moves: [] as StockMove[] };

      const { cartId, lines } = await lockCartLines(tx, userId);
      // The cart may have changed since its copy was read: the gate follows what is really ordered.
      await pass.reconcile(lines.map(gateLine), tx);
      precheck(lines);
      // After the cart lock: two checkouts of one shopper count one after the other.
      await assertRoomForUnpaidOrder(tx, userId);
      const currency = lines[0]!.currency;
      if (lines.some((l) => l.currency !== currency)) {
        throw new ValidationError(
          'Your cart mixes currencies; order the games in separate orders.',
        );
      }
      const jobs: NewJob<JobType>[] = [];
      const totals = totalsFor(lines.reduce((n, l) => n + l.priceCents * l.quantity, 0));
      const paysLater = input.paymentMethod === 'cod';
      const expiresAt = paysLater
        ? null
        : new Date(Date.now() + env().ORDER_EXPIRY_MINUTES * 60_000);
      const [order] = await tx
        .insert(orders)
        .values({
          userId,
          paymentMethod: input.paymentMethod,
          ...totals,
          currency,
          shippingAddress: input.shippingAddress,
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

      let paymentUrl: string | null = null;
      let payment: typeof payments.$inferSelect | null = null;
      if (input.paymentMethod !== 'cod') {
        const intent = await provider.createIntent({
          orderId,
          amountCents: totals.totalCents,
          currency,
          method: input.paymentMethod,
        });
        const [row] = await tx
          .insert(payments)
          .values({
            orderId,
            provider: provider.name,
            method: input.paymentMethod,
            intentId: intent.intentId,
            amountCents: totals.totalCents,
            currency,
          })
          .returning();
        payment = row ?? null;
        paymentUrl = intent.redirectUrl;
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
      const detail = toOrderDetail(order!, byTitle, events, payment ?? null, 0);
      const placed: PlacedOrder = { order: detail, paymentUrl };
      await storeResponse(tx, userId, SCOPE, idempotencyKey, 201, placed);

      // Stock last: a product row stays locked from its decrement to the commit, so in a rush on one
      // game that window must be as short as possible. A refusal rolls everything above back.
      const day = new Date().toISOString().slice(0, 10);
      const moves: StockMove[] = [];
      for (const line of lines) {
        const move = await reserveStock(tx, line);
        const left = move.stockAfter;
        if (left <= LOW_STOCK_THRESHOLD && left + line.quantity > LOW_STOCK_THRESHOLD) {
          jobs.push({
            type: 'stock.low_alert',
            payload: { productId: line.productId, stock: left },
            dedupeKey: `low-stock:${line.productId}:${day}`,
          });
        }
        moves.push(move);
      }
      await enqueueMany(tx, jobs);
      return { placed, replayed: false, moves };
    })
    .catch(async (err: unknown) => {
      await pass.release();
      throw err;
    });
  await settleGate(userId, pass, outcome);
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
    log.warn({ err }, 'could not schedule an expiry sweep; the periodic sweep will expire the order');
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
