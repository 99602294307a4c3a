import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb, queryCount } from '@/db/client';
import { resetEnvForTests } from '@/lib/config/env';
import { adjustStock } from '@/lib/admin';
import { addItem, mirrorCartLines } from '@/lib/cart';
import { ConflictError } from '@/lib/errors';
import { createUpstashKv, getKv, resetKvForTests } from '@/lib/kv';
import {
  approveRefund,
  cancelOrder,
  expireDueOrders,
  placeOrder,
  requestRefund,
} from '@/lib/orders';
import {
  confirmHostedPayment,
  handlePaymentWebhook,
  TEST_CARDS,
  type Deliver,
} from '@/lib/payments';
import { counterKey, forgetLocalStock, liveStock } from '@/lib/stock';
import {
  cardOrder,
  codOrder,
  key,
  makeProduct,
  makeUser,
  makeUsers,
  putInCart,
  stockOf,
} from '../orders/fixtures';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const direct: Deliver = async (body, signature) => {
  await handlePaymentWebhook(body, signature);
};

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'stock-test-webhook-secret-0123';
  resetEnvForTests();
});

afterEach(() => {
  resetKvForTests();
});

/** What Redis holds for the unit now, or null when there is no counter. */
async function counter(unit: string): Promise<number | null> {
  const value = await getKv().get<number>(counterKey(unit));
  return value === null ? null : Number(value);
}

/** What shoppers are shown once this process's half-second copy is gone. */
async function shown(unit: string): Promise<number | undefined> {
  forgetLocalStock([unit]);
  return (await liveStock([unit])).get(unit);
}

async function buyers(n: number, productId: string) {
  const users = await makeUsers(n);
  await Promise.all(users.map((u) => putInCart(u.id, productId, 1)));
  return users;
}

function outcomes(results: PromiseSettledResult<unknown>[]) {
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  // By status, not class: the second instance below has its own copy of the error classes.
  for (const r of refused) expect((r.reason as ConflictError).status).toBe(409);
  return { placed: results.length - refused.length, refused: refused.length };
}

describe('the flash-sale gate', () => {
  it('refuses a buyer beyond the stock at the gate, without a single query', async () => {
    const product = await makeProduct({ stock: 2, title: 'Gatekeeper' });
    const [first, second, late] = await makeUsers(3);
    for (const user of [first!, second!, late!])
      await addItem({ userId: user.id }, product.editionId, 1);
    await placeOrder(first!.id, codOrder, key());
    await placeOrder(second!.id, codOrder, key());
    expect(await counter(product.editionId)).toBe(0);

    const before = queryCount();
    const refusal = await placeOrder(late!.id, codOrder, key()).catch((e: unknown) => e);
    expect(queryCount() - before).toBe(0);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as Error).message).toBe('Gatekeeper (Standard) is out of stock.');
    expect(await stockOf(product.editionId)).toBe(0);

    // Restocked at once after the sell-out: the gate does not keep refusing from memory.
    await adjustStock({ id: first!.id, email: first!.email, ip: null }, product.id, {
      delta: 1,
      reason: 'One more found',
    });
    const placed = await placeOrder(late!.id, codOrder, key());
    expect(placed.order.status).toBe('pending_payment');
  });

  it('replays a retried order whose first try took the last unit, even with a stale cart copy', async () => {
    const product = await makeProduct({ stock: 1, title: 'Last Copy' });
    const user = await makeUser();
    await putInCart(user.id, product.editionId, 1);
    const k = key();
    const placed = await placeOrder(user.id, codOrder, k);
    // As if the process died before clearing the cart's copy: it still lists the sold-out game.
    await mirrorCartLines(user.id, [
      {
        editionId: product.editionId,
        editionName: 'Standard',
        quantity: 1,
        title: 'Last Copy',
        stock: 1,
      },
    ]);
    expect(await counter(product.editionId)).toBe(0);
    const again = await placeOrder(user.id, codOrder, k);
    expect(again.replayed).toBe(true);
    expect(again.order.id).toBe(placed.order.id);
  });

  it('stops refusing from a stale cart copy after one refusal', async () => {
    const gone = await makeProduct({ stock: 0, title: 'Gone Game' });
    const wanted = await makeProduct({ stock: 3, title: 'Wanted Game' });
    const user = await makeUser();
    await putInCart(user.id, wanted.id, 1);
    // The copy lists a sold-out game the cart no longer holds (written while Redis missed a change).
    await mirrorCartLines(user.id, [
      {
        editionId: gone.editionId,
        editionName: 'Standard',
        quantity: 1,
        title: 'Gone Game',
        stock: 0,
      },
    ]);
    await expect(placeOrder(user.id, codOrder, key())).rejects.toThrow(
      'Gone Game (Standard) is out of stock.',
    );
    await sleep(20);
    const placed = await placeOrder(user.id, codOrder, key());
    expect(placed.order.items.map((i) => i.editionId)).toEqual([wanted.editionId]);
  });

  it('sells exactly the stock to 60 concurrent buyers and leaves the counter at what PostgreSQL holds', async () => {
    const product = await makeProduct({ stock: 15 });
    const users = await buyers(60, product.editionId);
    const result = outcomes(
      await Promise.allSettled(users.map((u) => placeOrder(u.id, codOrder, key()))),
    );
    expect(result).toEqual({ placed: 15, refused: 45 });
    expect(await stockOf(product.editionId)).toBe(0);
    expect(await counter(product.editionId)).toBe(0);
  });

  it('rebuilds a lost counter from PostgreSQL and still sells no unit twice', async () => {
    const product = await makeProduct({ stock: 10 });
    const users = await buyers(40, product.editionId);
    const firstWave = Promise.allSettled(
      users.slice(0, 20).map((u) => placeOrder(u.id, codOrder, key())),
    );
    await getKv().del(counterKey(product.editionId));
    const secondWave = Promise.allSettled(
      users.slice(20).map((u) => placeOrder(u.id, codOrder, key())),
    );
    const result = outcomes([...(await firstWave), ...(await secondWave)]);
    expect(result.placed).toBe(10);
    expect(await stockOf(product.editionId)).toBe(0);

    await getKv().del(counterKey(product.editionId));
    expect(await shown(product.editionId)).toBe(0);
    expect(await counter(product.editionId)).toBe(0);
  });

  it('sells exactly the stock when Redis loses everything during the sale, and converges after', async () => {
    const product = await makeProduct({ stock: 12 });
    const users = await buyers(50, product.editionId);
    const kv = getKv();
    const sale = Promise.allSettled(users.map((u) => placeOrder(u.id, codOrder, key())));
    // A restarted Redis has no counters and no cart copies.
    await sleep(5);
    await Promise.all([kv.delPattern('stock:unit:*'), kv.delPattern('cart:lines:*')]);
    const result = outcomes(await sale);
    expect(result.placed).toBe(12);
    expect(await stockOf(product.editionId)).toBe(0);
    // Counters rebuilt mid-sale may count units whose orders were still committing: more, never fewer.
    const after = await counter(product.editionId);
    expect(after === null || after >= 0).toBe(true);
    await kv.del(counterKey(product.editionId));
    expect(await shown(product.editionId)).toBe(0);
  });

  it('gives units back to the counter on cancel, expiry and refund, matching PostgreSQL', async () => {
    const product = await makeProduct({ stock: 5 });
    const user = await makeUser();

    await putInCart(user.id, product.editionId, 2);
    const cancelled = await placeOrder(user.id, codOrder, key());
    expect(await counter(product.editionId)).toBe(3);
    await cancelOrder(user.id, cancelled.order.id);
    expect(await counter(product.editionId)).toBe(5);
    expect(await shown(product.editionId)).toBe(5);

    await putInCart(user.id, product.editionId, 1);
    const expiring = await placeOrder(user.id, cardOrder, key());
    expect(await counter(product.editionId)).toBe(4);
    const db = await getDb();
    await db.execute(
      sql`update orders set expires_at = now() - interval '1 second' where id = ${expiring.order.id}`,
    );
    await expireDueOrders();
    expect(await counter(product.editionId)).toBe(5);

    await putInCart(user.id, product.editionId, 3);
    const refunded = await placeOrder(user.id, cardOrder, key());
    await confirmHostedPayment(
      refunded.paymentUrl!.split('/').pop()!,
      { method: 'card', cardNumber: TEST_CARDS.success },
      direct,
    );
    expect(await counter(product.editionId)).toBe(2);
    await requestRefund(user.id, refunded.order.id, 'Changed my mind');
    await approveRefund(refunded.order.id, null);
    expect(await counter(product.editionId)).toBe(5);
    expect(await stockOf(product.editionId)).toBe(5);
    expect(await shown(product.editionId)).toBe(5);
  });

  it('keeps one counter for two instances selling the same game', async () => {
    const product = await makeProduct({ stock: 8 });
    const users = await buyers(30, product.editionId);
    vi.resetModules();
    // A second copy of the order and stock modules: another instance's own process state.
    const other = await import('@/lib/orders');
    const otherStock = await import('@/lib/stock');
    const results = await Promise.allSettled(
      users.map((u, i) => (i % 2 ? other.placeOrder : placeOrder)(u.id, codOrder, key())),
    );
    expect(outcomes(results).placed).toBe(8);
    expect(await stockOf(product.editionId)).toBe(0);
    expect(await counter(product.editionId)).toBe(0);
    await sleep(600);
    expect((await otherStock.liveStock([product.editionId])).get(product.editionId)).toBe(0);
    expect((await liveStock([product.editionId])).get(product.editionId)).toBe(0);
  });

  it('sells correctly from PostgreSQL alone while Redis is down', async () => {
    const product = await makeProduct({ stock: 4 });
    const users = await buyers(20, product.editionId);
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'unreachable', timeoutMs: 200 }),
      cooldownMs: 60_000,
    });
    const result = outcomes(
      await Promise.allSettled(users.map((u) => placeOrder(u.id, codOrder, key()))),
    );
    expect(result).toEqual({ placed: 4, refused: 16 });
    expect(await stockOf(product.editionId)).toBe(0);
    expect((await liveStock([product.editionId])).get(product.editionId)).toBe(0);
  });
});
