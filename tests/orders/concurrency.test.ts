import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { editions, orderItems, orders } from '@/db/schema';
import { adjustStock } from '@/lib/admin';
import { addItem, clearCart, mergeGuestCart, removeItem, setItemQuantity } from '@/lib/cart';
import { resetEnvForTests } from '@/lib/config/env';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { cancelOrder, expireDueOrders, placeOrder } from '@/lib/orders';
import { handlePaymentWebhook, paymentEvent, signedEvent } from '@/lib/payments';
import type { PlacedOrder } from '@/lib/orders';
import { cardOrder, key, makeProduct, makeUsers } from './fixtures';

const SHOPPERS = 40;
const ROUNDS = 6;
const OPENING_STOCK = 60;

/** A fixed-seed generator: a failing mix can be run again as it was. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a shopper may legitimately be told in a rush; anything else would be a 5xx. */
const isDomainRefusal = (err: unknown) =>
  err instanceof ConflictError || err instanceof ValidationError || err instanceof NotFoundError;

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'orders-test-webhook-secret-0123';
  resetEnvForTests();
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('shoppers, payments, expiry and staff on the same editions at once', () => {
  it('answers only domain refusals, never deadlocks, and keeps every edition’s stock equal to what is sold', async () => {
    const retries = vi.spyOn(log, 'warn');
    const games = await Promise.all(
      [0, 1, 2, 3].map((i) => makeProduct({ stock: OPENING_STOCK, title: `Rush ${i}` })),
    );
    const editionIds = games.map((g) => g.editionId);
    const shoppers = await makeUsers(SHOPPERS);
    const [admin] = await makeUsers(1, 'admin');
    const actor = { id: admin!.id, email: admin!.email, ip: null };
    const random = seeded(20261130);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

    const unexpected: unknown[] = [];
    const counts = new Map<string, number>();
    const placed = new Map<string, PlacedOrder[]>();
    const adjusted = new Map<string, number>(editionIds.map((id) => [id, 0]));
    async function attempt(name: string, op: () => Promise<unknown>): Promise<void> {
      try {
        await op();
        counts.set(name, (counts.get(name) ?? 0) + 1);
      } catch (err) {
        if (!isDomainRefusal(err)) unexpected.push(err);
      }
    }

    const pay = async ({ order, paymentUrl }: PlacedOrder) => {
      const { body, signature } = signedEvent(
        paymentEvent('payment_intent.succeeded', {
          intentId: paymentUrl!.split('/').pop()!,
          amountCents: order.totalCents,
          currency: order.currency,
        }),
      );
      await handlePaymentWebhook(body, signature);
    };

    /** A few steps of one shopper, one after the other, as one browser tab would send them. */
    async function shopperTab(userId: string): Promise<void> {
      const owner = { userId };
      const mine = placed.get(userId)!;
      const steps = 2 + Math.floor(random() * 3);
      const plan = Array.from({ length: steps }, () => random());
      for (const roll of plan) {
        const edition = pick(editionIds);
        if (roll < 0.25)
          await attempt('add', () => addItem(owner, edition, 1 + Math.floor(random() * 2)));
        else if (roll < 0.33)
          await attempt('set', () => setItemQuantity(owner, edition, 1 + Math.floor(random() * 3)));
        else if (roll < 0.4) await attempt('remove', () => removeItem(owner, edition));
        else if (roll < 0.45) await attempt('clear', () => clearCart(owner));
        else if (roll < 0.53) {
          const guestId = randomUUID();
          await attempt('merge', async () => {
            await addItem({ guestId }, edition, 1);
            await addItem({ guestId }, pick(editionIds), 1);
            await mergeGuestCart(guestId, userId);
          });
        } else if (roll < 0.78) {
          await attempt('place', async () => {
            const result = await placeOrder(userId, cardOrder, key());
            mine.push(result);
          });
        } else if (roll < 0.9 && mine.length) {
          await attempt('cancel', () => cancelOrder(userId, pick(mine).order.id));
        } else if (mine.length) {
          await attempt('pay', () => pay(pick(mine)));
        }
      }
    }

    /** Two tabs of the same shopper at once: cart edits race the checkout of the same cart. */
    async function shopperTurn(userId: string): Promise<void> {
      if (!placed.has(userId)) placed.set(userId, []);
      await Promise.all([shopperTab(userId), shopperTab(userId)]);
    }

    /** Time passes for some unpaid orders, and the sweeper runs while shoppers keep going. */
    async function expiryTurn(): Promise<void> {
      const db = await getDb();
      const open = [...placed.values()].flat().map((p) => p.order.id);
      const due = open.filter(() => random() < 0.3);
      if (due.length) {
        await db
          .update(orders)
          .set({ expiresAt: new Date(Date.now() - 1000) })
          .where(and(inArray(orders.id, due), eq(orders.status, 'pending_payment')));
      }
      await attempt('expire', () => expireDueOrders());
    }

    async function staffTurn(): Promise<void> {
      const game = pick(games);
      const delta = random() < 0.5 ? 2 : -1;
      await attempt('adjust', async () => {
        await adjustStock(actor, game.id, { delta, reason: 'Recount during the rush' });
        adjusted.set(game.editionId, adjusted.get(game.editionId)! + delta);
      });
    }

    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all([
        ...shoppers.map((s) => shopperTurn(s.id)),
        expiryTurn(),
        expiryTurn(),
        staffTurn(),
        staffTurn(),
      ]);
    }

    expect(
      unexpected.map((e) =>
        e instanceof Error
          ? `${e.name}: ${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`
          : String(e),
      ),
    ).toEqual([]);
    const retried = retries.mock.calls.filter((call) =>
      String(call[1]).includes('transaction retried'),
    );
    expect(retried, 'transactions that deadlocked (and were retried)').toEqual([]);
    // The mix did exercise every path.
    for (const name of [
      'add',
      'set',
      'remove',
      'clear',
      'merge',
      'place',
      'cancel',
      'pay',
      'expire',
      'adjust',
    ]) {
      expect(counts.get(name) ?? 0, name).toBeGreaterThan(0);
    }

    const db = await getDb();
    const stock = await db
      .select({ id: editions.id, stock: editions.stock })
      .from(editions)
      .where(inArray(editions.id, editionIds));
    // Units held by orders that still hold them: unpaid, paid (boxes not yet shipped), awaiting a refund.
    const held = await db
      .select({
        editionId: orderItems.editionId,
        units: sql<number>`sum(${orderItems.quantity})::int`,
      })
      .from(orderItems)
      .innerJoin(orders, eq(orders.id, orderItems.orderId))
      .where(
        and(
          inArray(orderItems.editionId, editionIds),
          inArray(orders.status, ['pending_payment', 'paid', 'refund_requested']),
        ),
      )
      .groupBy(orderItems.editionId);
    const heldBy = new Map(held.map((h) => [h.editionId, Number(h.units)]));
    for (const row of stock) {
      expect(row.stock).toBeGreaterThanOrEqual(0);
      expect(row.stock! + (heldBy.get(row.id) ?? 0), `edition ${row.id}`).toBe(
        OPENING_STOCK + adjusted.get(row.id)!,
      );
    }
    const statuses = await db
      .select({ status: orders.status, n: sql<number>`count(*)::int` })
      .from(orders)
      .where(
        inArray(
          orders.userId,
          shoppers.map((s) => s.id),
        ),
      )
      .groupBy(orders.status);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    expect(byStatus.cancelled ?? 0, 'orders cancelled or expired').toBeGreaterThan(0);
    expect(byStatus.paid ?? 0, 'orders paid').toBeGreaterThan(0);
  }, 180_000);
});
