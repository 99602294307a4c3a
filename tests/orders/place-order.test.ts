import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { cartItems, carts, jobs, orderItems, orders, payments } from '@/db/schema';
import { ConflictError, DomainError, NotFoundError } from '@/lib/errors';
import { createUpstashKv, resetKvForTests } from '@/lib/kv';
import { adjustStock } from '@/lib/admin';
import { cancelOrder, getOrder, listOrders, placeOrder, requestRefund } from '@/lib/orders';
import {
  address,
  cardOrder,
  codOrder,
  key,
  makeProduct,
  makeUser,
  makeUsers,
  putInCart,
  stockOf,
} from './fixtures';

describe('placing an order', () => {
  it('sells exactly the stock to 200 concurrent buyers and refuses the rest as out of stock', async () => {
    const product = await makeProduct({ stock: 10, title: 'Flash Sale Hero' });
    const buyers = await makeUsers(200);
    await Promise.all(buyers.map((b) => putInCart(b.id, product.id, 1)));

    const results = await Promise.allSettled(buyers.map((b) => placeOrder(b.id, codOrder, key())));

    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(190);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect((r.reason as Error).message).toBe('Flash Sale Hero (Standard) is out of stock.');
    }
    expect(await stockOf(product.id)).toBe(0);
    const db = await getDb();
    const [sold] = await db
      .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int` })
      .from(orderItems)
      .where(eq(orderItems.productId, product.id));
    expect(sold!.units).toBe(10);
  });

  it('snapshots prices, empties the cart, records the timeline and opens a payment for cards', async () => {
    const product = await makeProduct({ stock: 5, priceCents: 1500 });
    const user = await makeUser();
    const cartId = await putInCart(user.id, product.id, 2, 1500);

    const placed = await placeOrder(user.id, cardOrder, key());

    expect(placed.order.status).toBe('pending_payment');
    expect(placed.order.items).toEqual([
      expect.objectContaining({
        productId: product.id,
        quantity: 2,
        unitPriceCents: 1500,
        lineTotalCents: 3000,
      }),
    ]);
    expect(placed.order.subtotalCents).toBe(3000);
    expect(placed.order.shippingCents).toBe(499);
    expect(placed.order.totalCents).toBe(3499);
    expect(placed.order.shippingAddress).toEqual(address);
    expect(placed.order.events.map((e) => e.toStatus)).toEqual(['pending_payment']);
    expect(placed.paymentUrl).toMatch(/^\/pay\/pi_sim_[0-9a-f]{24}$/);
    expect(placed.order.expiresAt).not.toBeNull();
    expect(await stockOf(product.id)).toBe(3);

    const db = await getDb();
    expect(await db.select().from(cartItems).where(eq(cartItems.cartId, cartId))).toHaveLength(0);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, placed.order.id));
    expect(payment).toMatchObject({ status: 'requires_action', amountCents: 3499, method: 'card' });

    // A later price change does not touch the order.
    await db.execute(sql`update products set price_cents = 9999 where id = ${product.id}`);
    expect((await getOrder(user.id, placed.order.id)).items[0]!.unitPriceCents).toBe(1500);
  });

  it('places cash-on-delivery orders without a payment or an expiry and queues the confirmation mail', async () => {
    const product = await makeProduct({ stock: 3 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const placed = await placeOrder(user.id, codOrder, key());
    expect(placed.paymentUrl).toBeNull();
    expect(placed.order.expiresAt).toBeNull();
    expect(placed.order.payment).toBeNull();
    const db = await getDb();
    const queued = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `receipt:${placed.order.id}`));
    expect(queued).toHaveLength(1);
  });

  it('names the game and what is left when the cart asks for more than the stock, and changes nothing', async () => {
    const product = await makeProduct({ stock: 2, title: 'Scarce Quest' });
    const plenty = await makeProduct({ stock: 50 });
    const user = await makeUser();
    await putInCart(user.id, plenty.id, 1);
    await putInCart(user.id, product.id, 3);
    await expect(placeOrder(user.id, cardOrder, key())).rejects.toThrow(
      'Only 2 of Scarce Quest (Standard) left; lower the quantity in your cart.',
    );
    expect(await stockOf(plenty.id)).toBe(50);
    expect(await stockOf(product.id)).toBe(2);
    const db = await getDb();
    const [cart] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, user.id));
    expect(await db.select().from(cartItems).where(eq(cartItems.cartId, cart!.id))).toHaveLength(2);
  });

  it('refuses an empty cart with a conflict', async () => {
    const user = await makeUser();
    await expect(placeOrder(user.id, cardOrder, key())).rejects.toThrow('Your cart is empty.');
  });

  it('flags low stock for admins when an order crosses the threshold', async () => {
    const product = await makeProduct({ stock: 7 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 3);
    await placeOrder(user.id, codOrder, key());
    const db = await getDb();
    const alerts = await db
      .select()
      .from(jobs)
      .where(
        and(eq(jobs.type, 'stock.low_alert'), sql`${jobs.payload}->>'productId' = ${product.id}`),
      );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.payload).toEqual({
      productId: product.id,
      editionId: product.editionId,
      stock: 4,
    });
  });
});

describe('placing an order while Redis is unreachable', () => {
  afterEach(() => resetKvForTests());

  it('commits the order from Postgres alone: the stale catalog cache never fails a checkout', async () => {
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'unreachable', timeoutMs: 200 }),
      cooldownMs: 60_000,
    });
    const product = await makeProduct({ stock: 3 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 2);
    const placed = await placeOrder(user.id, codOrder, key());
    expect(placed.order.status).toBe('pending_payment');
    expect(await stockOf(product.id)).toBe(1);
    expect((await getOrder(user.id, placed.order.id)).items).toHaveLength(1);
  });
});

describe('the Idempotency-Key', () => {
  it('returns the same order for the same key and body, without selling twice', async () => {
    const product = await makeProduct({ stock: 10 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const k = key();
    const first = await placeOrder(user.id, cardOrder, k);
    // The cart is empty now: only the stored response can answer the retry.
    const again = await placeOrder(user.id, cardOrder, k);
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(first.order.id);
    expect(again.paymentUrl).toBe(first.paymentUrl);
    expect(await stockOf(product.id)).toBe(9);
  });

  it('makes one order when the same key arrives twice at once', async () => {
    const product = await makeProduct({ stock: 10 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 2);
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => placeOrder(user.id, cardOrder, k)),
    );
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const db = await getDb();
    expect(await db.select().from(orders).where(eq(orders.userId, user.id))).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(8);
  });

  it('makes one order when one cart is checked out twice at once under different keys (two tabs)', async () => {
    const product = await makeProduct({ stock: 10 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 2);
    const results = await Promise.allSettled([
      placeOrder(user.id, codOrder, key()),
      placeOrder(user.id, codOrder, key()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused!.reason).toBeInstanceOf(ConflictError);
    expect((refused!.reason as Error).message).toBe('Your cart is empty.');
    const db = await getDb();
    expect(await db.select().from(orders).where(eq(orders.userId, user.id))).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(8);
  });

  it('rejects the same key with a different body as a 422', async () => {
    const product = await makeProduct({ stock: 10 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const k = key();
    await placeOrder(user.id, cardOrder, k);
    const err = await placeOrder(user.id, { ...cardOrder, paymentMethod: 'wallet' }, k).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).status).toBe(422);
  });

  it('lets a key be retried after a failure, since nothing was stored', async () => {
    const product = await makeProduct({ stock: 0 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const k = key();
    await expect(placeOrder(user.id, codOrder, k)).rejects.toBeInstanceOf(ConflictError);
    // Restocked the shop's way, so the sale gate's counter follows.
    await adjustStock({ id: user.id, email: user.email, ip: null }, product.id, {
      delta: 1,
      reason: 'Restock',
    });
    const placed = await placeOrder(user.id, codOrder, k);
    expect(placed.order.status).toBe('pending_payment');
  });
});

describe('order history and ownership', () => {
  it('lists only the caller’s orders, newest first, in pages', async () => {
    const product = await makeProduct({ stock: 20 });
    const [a, b] = await makeUsers(2);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await putInCart(a!.id, product.id, 1);
      ids.push((await placeOrder(a!.id, codOrder, key())).order.id);
    }
    const page1 = await listOrders(a!.id, 1, 2);
    expect(page1.total).toBe(3);
    expect(page1.pageCount).toBe(2);
    expect(page1.orders.map((o) => o.id)).toEqual([ids[2], ids[1]]);
    expect((await listOrders(a!.id, 2, 2)).orders.map((o) => o.id)).toEqual([ids[0]]);
    expect((await listOrders(b!.id)).total).toBe(0);
  });

  it('answers 404 for another user’s order, to read, cancel or refund', async () => {
    const product = await makeProduct({ stock: 5 });
    const [owner, stranger] = await makeUsers(2);
    await putInCart(owner!.id, product.id, 1);
    const { order } = await placeOrder(owner!.id, codOrder, key());
    await expect(getOrder(stranger!.id, order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelOrder(stranger!.id, order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requestRefund(stranger!.id, order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOrder(owner!.id, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
    expect((await getOrder(owner!.id, order.id)).status).toBe('pending_payment');
  });
});

describe('cancelling', () => {
  it('returns the stock of an unpaid order and voids its payment', async () => {
    const product = await makeProduct({ stock: 4 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 3);
    const { order } = await placeOrder(user.id, cardOrder, key());
    expect(await stockOf(product.id)).toBe(1);
    const cancelled = await cancelOrder(user.id, order.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.payment?.status).toBe('cancelled');
    expect(cancelled.payment?.paymentUrl).toBeNull();
    expect(cancelled.events.map((e) => e.toStatus)).toEqual(['pending_payment', 'cancelled']);
    expect(await stockOf(product.id)).toBe(4);
  });

  it('refuses to cancel twice or to refund an unpaid order, with a 409', async () => {
    const product = await makeProduct({ stock: 4 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const { order } = await placeOrder(user.id, codOrder, key());
    await cancelOrder(user.id, order.id);
    await expect(cancelOrder(user.id, order.id)).rejects.toThrow(
      'An order that is cancelled cannot be cancelled.',
    );
    await expect(requestRefund(user.id, order.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await stockOf(product.id)).toBe(4);
  });
});
