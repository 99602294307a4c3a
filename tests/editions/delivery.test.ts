import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as libraryRoute } from '@/app/api/v1/library/route';
import { POST as revealRoute } from '@/app/api/v1/library/[itemId]/reveal/route';
import { getDb } from '@/db/client';
import { keyReveals, libraryItems, orders } from '@/db/schema';
import { env } from '@/lib/config/env';
import { DomainError } from '@/lib/errors';
import { listLibrary } from '@/lib/library';
import { clearConsoleOutbox, consoleOutbox } from '@/lib/mail';
import {
  approveRefund,
  cancelOrder,
  getOrder,
  placeOrder,
  requestRefund,
  type PlaceOrderInput,
} from '@/lib/orders';
import { handlePaymentWebhook, paymentEvent, signedEvent, TEST_CARDS } from '@/lib/payments';
import { forgetLocalStock, liveStock } from '@/lib/stock';
import { revealKey } from '@/lib/vault';
import { normaliseKey } from '@/lib/vault/crypto';
import { account, bodyOf, ctx, request } from '../admin/support';
import { key, makeUser, makeUsers, putInCart, stockOf } from '../orders/fixtures';
import { addEdition } from '../support/editions';
import {
  countAvailableKeys,
  counter,
  itemsOfOrder,
  keyEdition,
  keyGame,
  keysByIds,
  keysOfEdition,
  keysOfOrder,
  makeGame,
  orderRow,
  pay,
  plainOf,
  runJob,
  useWebhookSecret,
} from './support';

beforeAll(useWebhookSecret);

const digital: PlaceOrderInput = { billingCountry: 'US', paymentMethod: 'card' };

/** A buyer (with a session, for route calls) who paid for `quantity` keys of a fresh edition of `keys`. */
async function paidKeyOrder(opts: { keys: number; quantity: number }) {
  const { game, edition } = await keyGame(opts.keys, 2000);
  const buyer = await account('customer');
  await putInCart(buyer.id, edition.id, opts.quantity);
  const placed = await placeOrder(buyer.id, digital, key());
  const outcome = await pay(placed.paymentUrl);
  expect(outcome).toMatchObject({ ok: true, orderId: placed.order.id });
  return { game, edition, buyer, order: placed.order };
}

/** What shoppers are shown for an edition once this process's short-lived copy is gone. */
async function shown(editionId: string) {
  forgetLocalStock([editionId]);
  return (await liveStock([editionId])).get(editionId);
}

describe('paying for a key edition', () => {
  it('puts one item per unit in the buyer’s library, each with its own key, and fulfils the order', async () => {
    const { edition, buyer, order } = await paidKeyOrder({ keys: 5, quantity: 2 });
    const detail = await getOrder(buyer.id, order.id);
    expect(detail.status).toBe('fulfilled');
    expect(detail.events.map((e) => e.toStatus)).toEqual(['pending_payment', 'paid', 'fulfilled']);
    expect(detail.paidAt).not.toBeNull();
    expect(detail.fulfilledAt).not.toBeNull();

    const items = await itemsOfOrder(order.id);
    expect(items).toHaveLength(2);
    for (const item of items)
      expect(item).toMatchObject({
        userId: buyer.id,
        editionId: edition.id,
        giftId: null,
        revokedAt: null,
      });
    const keyIds = items.map((i) => i.licenseKeyId);
    expect(keyIds.every(Boolean)).toBe(true);
    expect(new Set(keyIds).size).toBe(2);

    const keys = await keysOfOrder(order.id);
    expect(keys.map((k) => k.id).sort()).toEqual([...keyIds].sort());
    for (const k of keys)
      expect(k).toMatchObject({ status: 'assigned', editionId: edition.id, revealedAt: null });
    expect(keys.every((k) => k.assignedAt !== null)).toBe(true);
    // The units left stock when the order was placed; handing keys over moves nothing more.
    expect(await stockOf(edition.id)).toBe(3);
    expect(await countAvailableKeys(edition.id)).toBe(3);
  });

  it('shows the items in GET /api/v1/library with the key hidden, and answers 401 to nobody', async () => {
    const { edition, buyer, order } = await paidKeyOrder({ keys: 3, quantity: 2 });
    const res = await libraryRoute(request('/api/v1/library', { cookie: buyer.cookie }), ctx());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const text = await res.text();
    const { items } = JSON.parse(text) as { items: Record<string, unknown>[] };
    const mine = items.filter((i) => i.orderId === order.id);
    expect(mine).toHaveLength(2);
    for (const item of mine) {
      expect(item).toMatchObject({
        editionId: edition.id,
        editionName: edition.name,
        delivery: 'key',
        key: { state: 'hidden', revealedAt: null },
        download: null,
        gift: false,
      });
    }
    // Not a single key of the edition travels in the listing.
    for (const plain of edition.keys) expect(text).not.toContain(plain);

    const anonymous = await libraryRoute(request('/api/v1/library'), ctx());
    expect(anonymous.status).toBe(401);
  });

  it('answers 404 to someone revealing another user’s item, and logs nothing', async () => {
    const { edition, buyer, order } = await paidKeyOrder({ keys: 2, quantity: 1 });
    const [item] = await itemsOfOrder(order.id);
    const stranger = await account('customer');
    const reveal = (cookie: string) =>
      revealRoute(
        request(`/api/v1/library/${item!.id}/reveal`, { cookie, method: 'POST' }),
        ctx({ itemId: item!.id }),
      );

    const theirs = await reveal(stranger.cookie);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(await bodyOf(theirs))).not.toMatch(/[A-F0-9]{5}-[A-F0-9]{5}/);
    const [held] = await keysByIds([item!.licenseKeyId!]);
    expect(held).toMatchObject({ status: 'assigned', revealedAt: null });
    const db = await getDb();
    expect(await db.select().from(keyReveals).where(eq(keyReveals.licenseKeyId, held!.id))).toEqual(
      [],
    );

    // The owner, asking the same way, gets the key.
    const own = await reveal(buyer.cookie);
    expect(own.status).toBe(200);
    const body = await bodyOf(own);
    expect(edition.keys).toContain(body.key);
    expect(plainOf([held!])).toEqual([body.key]);
  });
});

describe('keys under a rush', () => {
  it(
    'hands 100 keys to exactly the 100 of 200 concurrent buyers who got an order and paid, all distinct',
    { timeout: 180_000 },
    async () => {
      const { edition } = await keyGame(100, 1000);
      expect(await stockOf(edition.id)).toBe(100);
      const buyers = await makeUsers(200);
      await Promise.all(buyers.map((u) => putInCart(u.id, edition.id, 1)));

      const results = await Promise.allSettled(
        buyers.map(async (u) => {
          const placed = await placeOrder(u.id, digital, key());
          await pay(placed.paymentUrl);
          return placed.order.id;
        }),
      );
      const paid = results
        .filter((r): r is PromiseFulfilledResult<string> => r.status === 'fulfilled')
        .map((r) => r.value);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      // Every refusal is an out-of-stock answer at placement, never a failed payment.
      for (const r of refused) expect((r.reason as DomainError).status, String(r.reason)).toBe(409);
      expect(paid).toHaveLength(100);
      expect(refused).toHaveLength(100);

      const keys = await keysOfEdition(edition.id);
      expect(keys).toHaveLength(100);
      expect(keys.filter((k) => k.status === 'assigned')).toHaveLength(100);
      expect(new Set(keys.map((k) => k.orderId))).toEqual(new Set(paid));
      const plain = plainOf(keys);
      expect(new Set(plain).size).toBe(100);
      expect(new Set(plain)).toEqual(new Set(edition.keys));

      const db = await getDb();
      const orderRows = await db.select().from(orders).where(inArray(orders.id, paid));
      expect(orderRows.map((o) => o.status)).toEqual(Array(100).fill('fulfilled'));
      // Every key went to a paid order: none to an order that is still unpaid or was refused.
      const paidOrders = new Set(orderRows.filter((o) => o.paidAt !== null).map((o) => o.id));
      for (const k of keys) expect(paidOrders.has(k.orderId!)).toBe(true);

      const items = await db
        .select()
        .from(libraryItems)
        .where(eq(libraryItems.editionId, edition.id));
      expect(items).toHaveLength(100);
      expect(new Set(items.map((i) => i.licenseKeyId)).size).toBe(100);
      const keyOrder = new Map(keys.map((k) => [k.id, k.orderId]));
      for (const item of items) expect(keyOrder.get(item.licenseKeyId!)).toBe(item.orderId);
      expect(await stockOf(edition.id)).toBe(0);
      expect(await countAvailableKeys(edition.id)).toBe(0);
    },
  );

  it(
    'gives no key to the orders whose payment was declined while others paid at the same moment',
    { timeout: 120_000 },
    async () => {
      const { edition } = await keyGame(30, 1000);
      const buyers = await makeUsers(40);
      await Promise.all(buyers.map((u) => putInCart(u.id, edition.id, 1)));
      const placements = await Promise.allSettled(
        buyers.map((u) => placeOrder(u.id, digital, key())),
      );
      const placed = placements.filter((r) => r.status === 'fulfilled').map((r) => r.value);
      expect(placed).toHaveLength(30);

      const [payers, decliners] = [placed.slice(0, 20), placed.slice(20)];
      const attempts = await Promise.all([
        ...payers.map((p) => pay(p.paymentUrl)),
        ...decliners.map((p) => pay(p.paymentUrl, TEST_CARDS.declined)),
      ]);
      expect(attempts.filter((a) => a.ok)).toHaveLength(20);

      const keys = await keysOfEdition(edition.id);
      const assigned = keys.filter((k) => k.status === 'assigned');
      expect(assigned).toHaveLength(20);
      expect(new Set(assigned.map((k) => k.orderId))).toEqual(
        new Set(payers.map((p) => p.order.id)),
      );
      expect(keys.filter((k) => k.status === 'available').every((k) => k.orderId === null)).toBe(
        true,
      );
      for (const p of decliners) {
        expect((await orderRow(p.order.id))!.status).toBe('pending_payment');
        expect(await itemsOfOrder(p.order.id)).toEqual([]);
        expect(await keysOfOrder(p.order.id)).toEqual([]);
      }
      // The unpaid orders still hold their units: the 10 keys left are promised to them, not on sale.
      expect(await countAvailableKeys(edition.id)).toBe(10);
      expect(await stockOf(edition.id)).toBe(0);
    },
  );
});

describe('taking keys back', () => {
  it('on refund: returns the unrevealed key to the pool (+1 stock), revokes the revealed one, and empties the library', async () => {
    const { edition, buyer, order } = await paidKeyOrder({ keys: 5, quantity: 2 });
    const [seen, unseen] = await itemsOfOrder(order.id);
    const revealed = await revealKey({
      userId: buyer.id,
      libraryItemId: seen!.id,
      ip: '203.0.113.9',
      userAgent: 'vitest',
    });
    expect(edition.keys).toContain(revealed.key);
    expect(await stockOf(edition.id)).toBe(3);

    await requestRefund(buyer.id, order.id, 'Wrong platform');
    const refunded = await approveRefund(order.id, null);
    expect(refunded.status).toBe('refunded');

    const [seenKey] = await keysByIds([seen!.licenseKeyId!]);
    const [unseenKey] = await keysByIds([unseen!.licenseKeyId!]);
    expect(seenKey).toMatchObject({ status: 'revoked', orderId: order.id });
    expect(seenKey!.revokedAt).not.toBeNull();
    expect(unseenKey).toMatchObject({ status: 'available', orderId: null, assignedAt: null });
    expect(await stockOf(edition.id)).toBe(4);
    expect(await countAvailableKeys(edition.id)).toBe(4);
    expect(await shown(edition.id)).toBe(4);

    const items = await itemsOfOrder(order.id);
    expect(items.every((i) => i.revokedAt !== null)).toBe(true);
    expect((await listLibrary(buyer.id)).filter((i) => i.orderId === order.id)).toEqual([]);
    // The revealed key cannot be shown again.
    await expect(
      revealKey({ userId: buyer.id, libraryItemId: seen!.id, ip: null, userAgent: null }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('on cancelling an unpaid order: returns the units and hands out no key, even to a payment that arrives late', async () => {
    const { edition } = await keyGame(3, 1500);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 2);
    const placed = await placeOrder(user.id, digital, key());
    expect(await stockOf(edition.id)).toBe(1);

    const cancelled = await cancelOrder(user.id, placed.order.id);
    expect(cancelled.status).toBe('cancelled');
    expect(await stockOf(edition.id)).toBe(3);
    const left = await counter(edition.id);
    expect(left === null || left === 3).toBe(true);

    // The provider's success event lands after the cancellation: the money goes back, no key leaves.
    const intentId = placed.paymentUrl!.split('/').pop()!;
    const event = paymentEvent('payment_intent.succeeded', {
      intentId,
      amountCents: placed.order.totalCents,
      currency: 'USD',
    });
    const { body, signature } = signedEvent(event);
    expect((await handlePaymentWebhook(body, signature)).result).toBe('refunded_late_payment');

    const keys = await keysOfEdition(edition.id);
    expect(keys.map((k) => [k.status, k.orderId])).toEqual(Array(3).fill(['available', null]));
    expect(await itemsOfOrder(placed.order.id)).toEqual([]);
    expect((await orderRow(placed.order.id))!.status).toBe('cancelled');
    expect(await stockOf(edition.id)).toBe(3);
  });
});

describe('the receipt of a digital order', () => {
  beforeEach(clearConsoleOutbox);

  it('names the editions and links the library, and never carries a key in clear', async () => {
    const game = await makeGame({ priceCents: 2000 });
    const keyed = await keyEdition(game.id, { keys: 3, priceCents: 2000, name: 'Steam key (EU)' });
    const download = await addEdition(game.id, {
      stock: null,
      delivery: 'download',
      priceCents: 1500,
      name: 'DRM-free download',
      position: 1,
    });
    const buyer = await makeUser();
    await putInCart(buyer.id, keyed.id, 2);
    await putInCart(buyer.id, download.id, 1);
    const placed = await placeOrder(buyer.id, digital, key());
    await pay(placed.paymentUrl);
    await runJob(`paid-receipt:${placed.order.id}`);

    const receipt = consoleOutbox().find(
      (m) => m.to === buyer.email && m.subject.startsWith('Receipt'),
    );
    expect(receipt, 'a receipt was mailed').toBeDefined();
    const text = receipt!.text;
    expect(text).toContain(`2 × ${game.title} (Steam key (EU))`);
    expect(text).toContain(`1 × ${game.title} (DRM-free download)`);
    expect(text).toContain(new URL('/library', env().AUTH_URL).toString());

    const handed = await keysOfOrder(placed.order.id);
    expect(handed).toHaveLength(2);
    const plain = plainOf(handed);
    for (const k of plain) {
      expect(keyed.keys).toContain(k);
      expect(text).not.toContain(k);
      expect(text).not.toContain(normaliseKey(k));
      expect(text).not.toContain(k.replaceAll('-', ''));
    }
    // Nor any part of a stored key.
    for (const k of handed) expect(text).not.toContain(k.ciphertext.slice(0, 16));
    const db = await getDb();
    const owned = await db
      .select()
      .from(libraryItems)
      .where(and(eq(libraryItems.orderId, placed.order.id), isNotNull(libraryItems.userId)));
    expect(owned).toHaveLength(3);
  });
});
