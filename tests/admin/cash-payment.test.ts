import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, jobs, orderEvents, orders, payments } from '@/db/schema';
import { POST as cashRoute } from '@/app/api/v1/admin/orders/[id]/cash-payment/route';
import { POST as fulfilRoute } from '@/app/api/v1/admin/orders/[id]/fulfil/route';
import type { ActionState } from '@/lib/actions/validated';
import { drainJobs } from '@/lib/jobs';
import { registerAllJobHandlers } from '@/lib/server/jobs';
import { ensureLeaderboardsBuilt, readBoard } from '@/lib/leaderboards';
import { clearConsoleOutbox, consoleOutbox } from '@/lib/mail';
import { cancelOrder, placeOrder } from '@/lib/orders';
import { cardOrder, codOrder, key, putInCart } from '../orders/fixtures';
import {
  account,
  bodyOf,
  ctx,
  makeCategory,
  makeProduct,
  ORIGIN,
  request,
  type Account,
} from './support';
import { jar, renderToHtml } from './next-request';

// The worker runs the handlers the app registers at start.
registerAllJobHandlers();

vi.mock('next/headers', () => import('./next-request'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

let admin: Account;
let categoryId: string;

beforeAll(async () => {
  admin = await account('admin');
  categoryId = (await makeCategory()).id;
});

beforeEach(async () => {
  jar.cookie = '';
  clearConsoleOutbox();
  // Jobs queued by earlier files must not run inside these tests' drains.
  const db = await getDb();
  await db.execute(
    sql`update jobs set status = 'done', completed_at = now() where status in ('pending', 'running')`,
  );
});

/** A fresh shopper's order for `quantity` units of a fresh game, placed through checkout. */
async function orderFor(method: 'cod' | 'card', quantity = 1) {
  const product = await makeProduct(categoryId, { stock: 20 });
  const shopper = await account('customer');
  await putInCart(shopper.id, product.id, quantity);
  const placed = await placeOrder(shopper.id, method === 'cod' ? codOrder : cardOrder, key());
  return { product, shopper, order: placed.order };
}

const record = (
  id: string,
  { cookie = admin.cookie, origin }: { cookie?: string | null; origin?: string } = {},
) =>
  cashRoute(
    request(`/api/v1/admin/orders/${id}/cash-payment`, {
      method: 'POST',
      cookie: cookie ?? undefined,
      headers: origin ? { origin } : {},
    }),
    ctx({ id }),
  );
const fulfil = (id: string) =>
  fulfilRoute(
    request(`/api/v1/admin/orders/${id}/fulfil`, { method: 'POST', cookie: admin.cookie }),
    ctx({ id }),
  );

/** Everything a cash recording writes, counted, so a refused or repeated one shows as no change. */
async function footprint(orderId: string) {
  const db = await getDb();
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    status: (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!.status,
    cashPayments: await count(
      db
        .select()
        .from(payments)
        .where(and(eq(payments.orderId, orderId), eq(payments.provider, 'cash'))),
    ),
    paidEvents: await count(
      db
        .select()
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'paid'))),
    ),
    audits: (
      await db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityId, orderId))
        .orderBy(desc(auditLog.id))
    ).map((a) => a.action),
    paidJobs: await count(
      db
        .select()
        .from(jobs)
        .where(inArray(jobs.dedupeKey, [`sale:${orderId}`, `paid-receipt:${orderId}`])),
    ),
  };
}

describe('recording the cash of a cash-on-delivery order', () => {
  it('marks the order paid with a cash payment, a timeline entry and an audit entry by the admin, and queues what a paid card order queues', async () => {
    await ensureLeaderboardsBuilt();
    const { product, shopper, order } = await orderFor('cod', 2);
    expect(order.status).toBe('pending_payment');
    // The confirmation goes out at checkout; the receipt must still follow once the cash is in.
    await drainJobs();
    expect(consoleOutbox().map((m) => [m.to, m.subject])).toEqual([
      [shopper.email, `Order confirmation for order ${order.id.slice(0, 8)}`],
    ]);
    clearConsoleOutbox();

    const res = await record(order.id);
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body).toMatchObject({ canRecordCash: false, canFulfil: true });
    expect(body.order).toMatchObject({
      status: 'paid',
      paidAt: expect.any(String),
      payment: {
        provider: 'cash',
        method: 'cod',
        status: 'succeeded',
        amountCents: order.totalCents,
        paymentUrl: null,
      },
    });
    expect(body.order.events.at(-1)).toMatchObject({
      fromStatus: 'pending_payment',
      toStatus: 'paid',
      note: 'Cash collected on delivery',
    });

    const db = await getDb();
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment).toMatchObject({
      intentId: `cash_${order.id}`,
      currency: order.currency,
      amountCents: order.totalCents,
    });
    const [event] = await db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.toStatus, 'paid')));
    expect(event!.actorId).toBe(admin.id);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit).toMatchObject({
      actorId: admin.id,
      action: 'order.cash_payment',
      entity: 'order',
      before: { status: 'pending_payment' },
      after: { status: 'paid', paymentId: payment!.id, amountCents: order.totalCents },
    });
    const queued = await db
      .select({ type: jobs.type, key: jobs.dedupeKey })
      .from(jobs)
      .where(eq(jobs.status, 'pending'));
    expect(queued).toEqual(
      expect.arrayContaining([
        { type: 'leaderboards.record_sale', key: `sale:${order.id}` },
        { type: 'mail.order_receipt', key: `paid-receipt:${order.id}` },
      ]),
    );

    await drainJobs();
    const board = await readBoard('top-sellers', 100);
    expect(board.find((e) => e.id === product.id)?.score).toBe(2);
    const mails = consoleOutbox().filter((m) => m.to === shopper.email);
    expect(mails.map((m) => m.subject)).toEqual([`Receipt for order ${order.id.slice(0, 8)}`]);
    expect(mails[0]!.text).toContain('Your payment was received.');
  });

  it('lets staff ship the order before its cash comes, then records the cash without unfulfilling it', async () => {
    const { order } = await orderFor('cod');
    const res0 = await fulfil(order.id);
    expect(res0.status).toBe(200);
    const shipped = (await bodyOf(res0)).order;
    // Shipped and unpaid: the shopper can neither cancel nor ask for a refund of money not paid.
    expect(shipped).toMatchObject({
      status: 'fulfilled',
      paidAt: null,
      canCancel: false,
      canRequestRefund: false,
    });

    const res = await record(order.id);
    expect(res.status).toBe(200);
    const paid = (await bodyOf(res)).order;
    expect(paid.status).toBe('fulfilled');
    expect(paid.paidAt).not.toBeNull();
    expect(paid.fulfilledAt).toBe(shipped.fulfilledAt);
    expect(paid.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'pending_payment',
      'fulfilled',
      'fulfilled',
    ]);
    expect(await footprint(order.id)).toMatchObject({
      status: 'fulfilled',
      cashPayments: 1,
      paidJobs: 2,
    });
    expect((await record(order.id)).status).toBe(409);
    expect((await fulfil(order.id)).status).toBe(409);
  });

  it('still ships a card order only once it is paid', async () => {
    const { order } = await orderFor('card');
    const res = await fulfil(order.id);
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toMatch(
      /only a cash-on-delivery order ships before it is paid/,
    );
  });

  it('refuses a second recording with a 409 and writes nothing twice', async () => {
    const { order } = await orderFor('cod');
    expect((await record(order.id)).status).toBe(200);
    const once = await footprint(order.id);
    expect(once).toEqual({
      status: 'paid',
      cashPayments: 1,
      paidEvents: 1,
      audits: ['order.cash_payment'],
      paidJobs: 2,
    });

    const again = await record(order.id);
    expect(again.status).toBe(409);
    expect((await bodyOf(again)).error).toEqual({
      code: 'conflict',
      message: 'An order that is paid cannot be paid.',
    });
    expect(await footprint(order.id)).toEqual(once);
  });

  it('records the cash once when two recordings race each other', async () => {
    const { order } = await orderFor('cod');
    const statuses = (await Promise.all([record(order.id), record(order.id)]))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    expect(await footprint(order.id)).toMatchObject({
      cashPayments: 1,
      paidEvents: 1,
      paidJobs: 2,
    });
  });

  it('refuses a card order awaiting payment with a 409 that says why, and leaves it untouched', async () => {
    const { order } = await orderFor('card');
    const res = await record(order.id);
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toMatch(
      /^Only a cash-on-delivery order can be paid in cash/,
    );
    expect(await footprint(order.id)).toEqual({
      status: 'pending_payment',
      cashPayments: 0,
      paidEvents: 0,
      audits: [],
      paidJobs: 0,
    });
  });

  it('refuses a cash-on-delivery order the shopper cancelled with a 409', async () => {
    const { shopper, order } = await orderFor('cod');
    await cancelOrder(shopper.id, order.id);
    const res = await record(order.id);
    expect(res.status).toBe(409);
    expect((await bodyOf(res)).error.message).toBe('An order that is cancelled cannot be paid.');
    expect(await footprint(order.id)).toMatchObject({ status: 'cancelled', cashPayments: 0 });
  });

  it('answers 404 to an unknown or malformed order id', async () => {
    for (const id of [randomUUID(), 'nope', '1; drop table orders']) {
      const res = await record(id);
      expect(res.status, id).toBe(404);
      expect((await bodyOf(res)).error.code, id).toBe('not_found');
    }
  });

  it('answers 401 to an anonymous caller, 403 to a customer and to another origin, and records nothing', async () => {
    const { shopper, order } = await orderFor('cod');
    expect((await record(order.id, { cookie: null })).status).toBe(401);
    expect((await record(order.id, { cookie: shopper.cookie })).status).toBe(403);
    const crossSite = await record(order.id, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await record(order.id, { origin: ORIGIN })).status).toBe(200);
    expect(await footprint(order.id)).toMatchObject({ cashPayments: 1, paidEvents: 1 });
  });
});

describe('the admin order page and its server action', () => {
  async function renderOrderPage(id: string): Promise<string> {
    const Page = (await import('@/app/admin/orders/[id]/page')).default;
    const element = await Page({ params: Promise.resolve({ id }) });
    return renderToHtml(element);
  }
  const runAction = async (id: string): Promise<ActionState> => {
    const { recordCashPaymentAction } = await import('@/app/admin/actions/orders');
    const form = new FormData();
    form.append('id', id);
    return recordCashPaymentAction({ ok: false }, form);
  };

  it('offers the cash button only while a cash-on-delivery order awaits payment', async () => {
    jar.cookie = admin.cookie;
    const cod = await orderFor('cod');
    const card = await orderFor('card');
    expect(await renderOrderPage(cod.order.id)).toContain('Record cash payment');
    expect(await renderOrderPage(card.order.id)).not.toContain('Record cash payment');
    expect(await runAction(cod.order.id)).toMatchObject({ ok: true });
    const html = await renderOrderPage(cod.order.id);
    expect(html).not.toContain('Record cash payment');
    expect(html).toContain('Mark fulfilled');
    // Shipped before the cash: the button stays until the courier's cash is recorded.
    const shipped = await orderFor('cod');
    expect(await renderOrderPage(shipped.order.id)).toContain('Mark fulfilled');
    expect((await fulfil(shipped.order.id)).status).toBe(200);
    expect(await renderOrderPage(shipped.order.id)).toContain('Record cash payment');
  });

  it('records the cash as the signed-in admin from the form, and refuses customers and a second press', async () => {
    const { shopper, order } = await orderFor('cod');
    jar.cookie = shopper.cookie;
    expect(await runAction(order.id)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/administrators/i),
    });
    jar.cookie = admin.cookie;
    expect(await runAction(order.id)).toMatchObject({ ok: true });
    expect(await runAction(order.id)).toMatchObject({
      ok: false,
      message: 'An order that is paid cannot be paid.',
    });
    const after = await footprint(order.id);
    expect(after).toMatchObject({
      status: 'paid',
      cashPayments: 1,
      audits: ['order.cash_payment'],
    });
    const db = await getDb();
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, order.id));
    expect(audit!.actorId).toBe(admin.id);
  });
});
