import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { POST as adminCancelRoute } from '@/app/api/v1/admin/orders/[id]/cancel/route';
import { POST as fulfilRoute } from '@/app/api/v1/admin/orders/[id]/fulfil/route';
import { POST as refundRoute } from '@/app/api/v1/admin/orders/[id]/refund/route';
import { POST as shopperCancelRoute } from '@/app/api/v1/orders/[id]/cancel/route';
import { getDb } from '@/db/client';
import { auditLog, jobs, libraryItems, orderItems, refunds } from '@/db/schema';
import type { ActionState } from '@/lib/actions/validated';
import { placeOrder, requestRefund, type PlaceOrderInput } from '@/lib/orders';
import { revealKey } from '@/lib/vault';
import { address, cardOrder, key, putInCart, stockOf } from '../orders/fixtures';
import { addEdition } from '../support/editions';
import {
  countAvailableKeys,
  itemsOfOrder,
  keyEdition,
  keysByIds,
  makeGame,
  pay,
  runJob,
  useWebhookSecret,
} from '../editions/support';
import { account, bodyOf, ctx, request, type Account } from './support';
import { jar, renderToHtml } from './next-request';

vi.mock('next/headers', () => import('./next-request'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

let admin: Account;

beforeAll(async () => {
  useWebhookSecret();
  admin = await account('admin');
});
beforeEach(() => {
  jar.cookie = '';
});

const refund = (id: string, body: unknown, cookie = admin.cookie) =>
  refundRoute(request(`/api/v1/admin/orders/${id}/refund`, { body, cookie }), ctx({ id }));
const staffCancel = (id: string, body?: unknown) =>
  adminCancelRoute(
    request(`/api/v1/admin/orders/${id}/cancel`, { method: 'POST', body, cookie: admin.cookie }),
    ctx({ id }),
  );
const fulfil = (id: string) =>
  fulfilRoute(
    request(`/api/v1/admin/orders/${id}/fulfil`, { method: 'POST', cookie: admin.cookie }),
    ctx({ id }),
  );

/** Billed in Germany (19% estimated tax): refunds carry their share of it. */
const german: PlaceOrderInput = { ...cardOrder, shippingAddress: { ...address!, country: 'DE' } };

/** A paid order of two boxed editions (3 × 25.00 and 1 × 60.00), from a fresh shopper. */
async function paidBoxOrder(input: PlaceOrderInput = german) {
  const game = await makeGame({ priceCents: 2500 });
  const standard = await addEdition(game.id, {
    stock: 10,
    delivery: 'physical',
    priceCents: 2500,
    name: 'Standard box',
  });
  const collector = await addEdition(game.id, {
    stock: 5,
    delivery: 'physical',
    priceCents: 6000,
    name: 'Collector box',
  });
  const shopper = await account('customer');
  await putInCart(shopper.id, standard.id, 3);
  await putInCart(shopper.id, collector.id, 1);
  const placed = await placeOrder(shopper.id, input, key());
  expect(await pay(placed.paymentUrl)).toMatchObject({ ok: true });
  return { shopper, order: placed.order, standard, collector };
}

async function refundRows(orderId: string) {
  const db = await getDb();
  return db.select().from(refunds).where(eq(refunds.orderId, orderId));
}

describe('a shopper cancels only before paying', () => {
  it('answers 409 to cancelling a paid order, pointing to the refund request, and changes nothing', async () => {
    const { shopper, order, standard } = await paidBoxOrder();
    const res = await shopperCancelRoute(
      request(`/api/v1/orders/${order.id}/cancel`, { method: 'POST', cookie: shopper.cookie }),
      ctx({ id: order.id }),
    );
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toBe(
      'A paid order cannot be cancelled: request a refund instead, and staff will review it.',
    );
    expect(await stockOf(standard.id)).toBe(7);
    expect(await refundRows(order.id)).toEqual([]);
  });
});

describe('staff refund part of an order', () => {
  it('refunds units of a line at their price plus their share of tax, keeps the order paid, and restocks them', async () => {
    const { order, standard, collector } = await paidBoxOrder();
    // 3 × 25.00 + 60.00 = 135.00, tax 19% = 25.65, no shipping above 50.00: 160.65.
    expect(order).toMatchObject({
      subtotalCents: 13500,
      taxCents: 2565,
      shippingCents: 0,
      totalCents: 16065,
    });

    const res = await refund(order.id, {
      lines: [{ editionId: standard.id, quantity: 2 }],
      reason: 'Two arrived damaged',
    });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    // 2 × 25.00 = 50.00, plus 50/135 of 25.65 = 9.50.
    expect(body.refunded).toEqual({ amountCents: 5950, complete: false });
    expect(body.order).toMatchObject({ status: 'paid', refundedCents: 5950 });
    expect(
      body.order.items.find((i: { editionId: string }) => i.editionId === standard.id)
        .refundedQuantity,
    ).toBe(2);
    expect(body.order.events.at(-1)).toMatchObject({ fromStatus: 'paid', toStatus: 'paid' });
    expect(body.order.events.at(-1).note).toMatch(/2 × .*\(Standard box\)/);
    expect(body).toMatchObject({ canRefund: true, canCancel: true });
    expect(body.refunds).toEqual([
      expect.objectContaining({
        amountCents: 5950,
        status: 'pending',
        lines: [{ editionId: standard.id, quantity: 2 }],
      }),
    ]);
    expect(await stockOf(standard.id)).toBe(9);
    expect(await stockOf(collector.id)).toBe(4);

    // More than is left of a line: refused, nothing written.
    const tooMany = await refund(order.id, { lines: [{ editionId: standard.id, quantity: 2 }] });
    expect(tooMany.status).toBe(409);
    expect((await bodyOf(tooMany)).error.message).toMatch(/^Only 1 of .* can still be refunded\.$/);

    // The rest: everything still held goes back and the order is refunded.
    const rest = await bodyOf(await refund(order.id, { reason: 'Customer gave up' }));
    expect(rest.refunded).toEqual({ amountCents: 16065 - 5950, complete: true });
    expect(rest.order).toMatchObject({ status: 'refunded', refundedCents: 16065 });
    expect(rest.order.payment.status).toBe('refunded');
    expect(rest.canRefund).toBe(false);
    expect(await stockOf(standard.id)).toBe(10);
    expect(await stockOf(collector.id)).toBe(5);
    expect((await refundRows(order.id)).reduce((n, r) => n + r.amountCents, 0)).toBe(16065);

    const db = await getDb();
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, order.id)))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(['order.refund', 'order.refund_partial']);
    // Each refund is sent by its own job, after the commit.
    for (const r of await refundRows(order.id)) await runJob(`refund:${r.id}`);
    expect((await refundRows(order.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('does not restock a shipped box, and refuses units of an edition the order does not have', async () => {
    const { order, standard } = await paidBoxOrder();
    expect((await fulfil(order.id)).status).toBe(200);
    const res = await refund(order.id, { lines: [{ editionId: standard.id, quantity: 1 }] });
    expect((await bodyOf(res)).order).toMatchObject({ status: 'fulfilled' });
    expect(await stockOf(standard.id)).toBe(7);

    const stranger = await addEdition((await makeGame()).id, { stock: 3, delivery: 'physical' });
    const wrong = await refund(order.id, { lines: [{ editionId: stranger.id, quantity: 1 }] });
    expect(wrong.status).toBe(400);
    const bad = await refund(order.id, { lines: [{ editionId: standard.id, quantity: 0 }] });
    expect(bad.status).toBe(400);
  });

  it('approves part of a refund request: those units are refunded, and the order goes back to where it was', async () => {
    const { shopper, order, collector } = await paidBoxOrder();
    await requestRefund(shopper.id, order.id, 'The collector box is dented');
    const res = await refund(order.id, {
      decision: 'approve',
      lines: [{ editionId: collector.id, quantity: 1 }],
    });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.order).toMatchObject({
      status: 'paid',
      refundedCents: 6000 + Math.round((6000 * 2565) / 13500),
    });
    expect(body.order.events.at(-1)).toMatchObject({
      fromStatus: 'refund_requested',
      toStatus: 'paid',
    });
    expect(await stockOf(collector.id)).toBe(5);
  });

  it('takes back keys unit by unit: unrevealed ones return to the pool, revealed ones are revoked', async () => {
    const game = await makeGame({ priceCents: 2000 });
    const edition = await keyEdition(game.id, { keys: 6, priceCents: 2000 });
    const shopper = await account('customer');
    await putInCart(shopper.id, edition.id, 3);
    const placed = await placeOrder(
      shopper.id,
      { billingCountry: 'US', paymentMethod: 'card' },
      key(),
    );
    await pay(placed.paymentUrl);
    expect(await stockOf(edition.id)).toBe(3);
    const items = await itemsOfOrder(placed.order.id);
    const seen = items[0]!;
    await revealKey({ userId: shopper.id, libraryItemId: seen.id, ip: null, userAgent: 'vitest' });

    // One unit: an unrevealed key goes back on sale; the revealed one stays with the buyer.
    const one = await bodyOf(
      await refund(placed.order.id, { lines: [{ editionId: edition.id, quantity: 1 }] }),
    );
    expect(one.order).toMatchObject({ status: 'fulfilled', refundedCents: 2000 });
    expect(await stockOf(edition.id)).toBe(4);
    expect(await countAvailableKeys(edition.id)).toBe(4);
    const db = await getDb();
    const live = await db
      .select()
      .from(libraryItems)
      .where(eq(libraryItems.orderId, placed.order.id));
    expect(live.filter((i) => i.revokedAt === null).map((i) => i.id)).toContain(seen.id);
    expect(live.filter((i) => i.revokedAt !== null)).toHaveLength(1);
    const [seenKey] = await keysByIds([seen.licenseKeyId!]);
    expect(seenKey!.status).toBe('revealed');

    // The other two: one more key back to the pool, the revealed one revoked; the order is refunded.
    const rest = await bodyOf(
      await refund(placed.order.id, { lines: [{ editionId: edition.id, quantity: 2 }] }),
    );
    expect(rest.order).toMatchObject({ status: 'refunded', refundedCents: 6000 });
    expect(await stockOf(edition.id)).toBe(5);
    expect(await countAvailableKeys(edition.id)).toBe(5);
    const [revoked] = await keysByIds([seen.licenseKeyId!]);
    expect(revoked).toMatchObject({ status: 'revoked', orderId: placed.order.id });
    expect((await itemsOfOrder(placed.order.id)).every((i) => i.revokedAt !== null)).toBe(true);
    const lines = await db.select().from(orderItems).where(eq(orderItems.orderId, placed.order.id));
    expect(lines.map((l) => l.refundedQuantity)).toEqual([3]);
  });
});

describe('staff cancel an order', () => {
  it('cancels a paid order not shipped yet: refunded in full, restocked, the provider told after the commit', async () => {
    const { order, standard, collector } = await paidBoxOrder();
    const res = await staffCancel(order.id, { reason: 'Out of stock at the warehouse' });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.order).toMatchObject({ status: 'cancelled', refundedCents: order.totalCents });
    expect(body.order.events.at(-1).note).toBe(
      'Cancelled by staff: Out of stock at the warehouse; refunded',
    );
    expect(await stockOf(standard.id)).toBe(10);
    expect(await stockOf(collector.id)).toBe(5);
    const [row] = await refundRows(order.id);
    const db = await getDb();
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `refund:${row!.id}`));
    expect(job).toMatchObject({ type: 'payments.send_refund' });
    expect((await staffCancel(order.id)).status).toBe(409);
  });

  it('cancels an unpaid order with no body, and refuses a fulfilled, paid one (refund it instead)', async () => {
    const game = await makeGame();
    const box = await addEdition(game.id, { stock: 4, delivery: 'physical' });
    const shopper = await account('customer');
    await putInCart(shopper.id, box.id, 1);
    const unpaid = await placeOrder(shopper.id, cardOrder, key());
    const res = await staffCancel(unpaid.order.id);
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).order).toMatchObject({ status: 'cancelled', refundedCents: 0 });
    expect(await stockOf(box.id)).toBe(4);

    const { order } = await paidBoxOrder();
    await fulfil(order.id);
    const refused = await staffCancel(order.id);
    expect(refused.status).toBe(409);
  });
});

describe('the admin order page', () => {
  async function renderOrderPage(id: string): Promise<string> {
    const Page = (await import('@/app/admin/orders/[id]/page')).default;
    return renderToHtml(await Page({ params: Promise.resolve({ id }) }));
  }

  it('offers refund and cancel, and the refund action says what it refunded', async () => {
    jar.cookie = admin.cookie;
    const { order, standard } = await paidBoxOrder();
    const html = await renderOrderPage(order.id);
    expect(html).toContain('Review refund');
    expect(html).toContain('Cancel and refund');

    const { refundOrderAction } = await import('@/app/admin/actions/orders');
    const form = new FormData();
    form.append('id', order.id);
    form.append('scope', 'lines');
    form.append(`qty:${standard.id}`, '1');
    const state: ActionState = await refundOrderAction({ ok: false }, form);
    expect(state).toMatchObject({ ok: true });
    expect(state.message).toMatch(/^Refunded \$29\.75; the rest of the order stands\./);

    const empty = new FormData();
    empty.append('id', order.id);
    expect(await refundOrderAction({ ok: false }, empty)).toMatchObject({
      ok: false,
      message: 'Choose how many units of which lines to refund.',
    });

    const after = await renderOrderPage(order.id);
    expect(after).toMatch(/1(<!-- -->)? refunded/);
    expect(after).toContain('pending: waiting for the payment provider');
  });
});
