import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { productStock } from '../support/editions';
import { getDb } from '@/db/client';
import { auditLog, orders, payments, refunds, stockAdjustments } from '@/db/schema';
import { GET as listRoute } from '@/app/api/v1/admin/orders/route';
import { GET as readRoute } from '@/app/api/v1/admin/orders/[id]/route';
import { POST as fulfilRoute } from '@/app/api/v1/admin/orders/[id]/fulfil/route';
import { POST as refundRoute } from '@/app/api/v1/admin/orders/[id]/refund/route';
import {
  GET as notesRoute,
  POST as addNoteRoute,
} from '@/app/api/v1/admin/orders/[id]/notes/route';
import {
  account,
  bodyOf,
  ctx,
  makeCategory,
  makePaidOrder,
  makeProduct,
  request,
  type Account,
} from './support';

let admin: Account;
let shopper: Account;
let categoryId: string;

beforeAll(async () => {
  admin = await account('admin');
  shopper = await account('customer');
  categoryId = (await makeCategory()).id;
});

const decide = (id: string, body: unknown) =>
  refundRoute(
    request(`/api/v1/admin/orders/${id}/refund`, { body, cookie: admin.cookie }),
    ctx({ id }),
  );
const fulfil = (id: string) =>
  fulfilRoute(
    request(`/api/v1/admin/orders/${id}/fulfil`, { method: 'POST', cookie: admin.cookie }),
    ctx({ id }),
  );

async function stockOf(id: string) {
  return productStock(id);
}
async function auditActions(orderId: string) {
  const db = await getDb();
  return (
    await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, orderId))
      .orderBy(desc(auditLog.id))
  ).map((e) => e.action);
}

describe('refund requests', () => {
  it('approval refunds through the provider, restocks and moves the order once; a second approval is 409', async () => {
    const product = await makeProduct(categoryId, { stock: 4 });
    const order = await makePaidOrder(shopper.id, product, 3, 'refund_requested');

    const res = await decide(order.id, { decision: 'approve', reason: 'Wrong platform' });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.order).toMatchObject({ status: 'refunded', refundedCents: 5997 });
    expect(body.order.events.at(-1)).toMatchObject({
      fromStatus: 'refund_requested',
      toStatus: 'refunded',
      note: 'Refund approved: Wrong platform',
    });
    expect(await stockOf(product.id)).toBe(7);

    const again = await decide(order.id, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(await stockOf(product.id)).toBe(7);

    const db = await getDb();
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment!.status).toBe('refunded');
    const restocks = await db
      .select()
      .from(stockAdjustments)
      .where(eq(stockAdjustments.productId, product.id));
    expect(restocks).toEqual([expect.objectContaining({ delta: 3, reason: 'order_refunded' })]);
    expect(await auditActions(order.id)).toEqual(['order.refund_approve']);
  });

  it('two approvals racing each other refund and restock exactly once', async () => {
    const product = await makeProduct(categoryId, { stock: 0 });
    const order = await makePaidOrder(shopper.id, product, 2, 'refund_requested');
    const statuses = (
      await Promise.all([
        decide(order.id, { decision: 'approve' }),
        decide(order.id, { decision: 'approve' }),
      ])
    )
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([200, 409]);
    expect(await stockOf(product.id)).toBe(2);
    const db = await getDb();
    expect(await db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(1);
  });

  it('denial puts the order back where it was, keeps the money and the stock, and cannot repeat', async () => {
    const product = await makeProduct(categoryId, { stock: 4 });
    const order = await makePaidOrder(shopper.id, product, 1, 'refund_requested');
    const db = await getDb();
    await db.update(orders).set({ fulfilledAt: new Date() }).where(eq(orders.id, order.id));

    const res = await decide(order.id, { decision: 'deny', reason: 'Key already redeemed' });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).order).toMatchObject({ status: 'fulfilled', refundedCents: 0 });
    expect(await stockOf(product.id)).toBe(4);
    expect((await decide(order.id, { decision: 'deny' })).status).toBe(409);
    expect((await decide(order.id, { decision: 'approve' })).status).toBe(409);
    expect(await auditActions(order.id)).toEqual(['order.refund_deny']);
  });

  it('rejects a decision that is neither approve nor deny, changing nothing', async () => {
    const product = await makeProduct(categoryId);
    const order = await makePaidOrder(shopper.id, product, 1, 'refund_requested');
    const res = await decide(order.id, { decision: 'maybe' });
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields.decision).toHaveLength(1);
    const db = await getDb();
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe(
      'refund_requested',
    );
    expect(await auditActions(order.id)).toEqual([]);
  });
});

describe('fulfilment and notes', () => {
  it('marks a paid order fulfilled once and refuses it from any other state', async () => {
    const product = await makeProduct(categoryId);
    const order = await makePaidOrder(shopper.id, product, 1, 'paid');
    const res = await fulfil(order.id);
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.order.status).toBe('fulfilled');
    expect(body.order.fulfilledAt).toEqual(expect.any(String));
    expect(body.canFulfil).toBe(false);
    expect((await fulfil(order.id)).status).toBe(409);
    expect(await auditActions(order.id)).toEqual(['order.fulfil']);
  });

  it('keeps internal notes with their author, and rejects an empty note', async () => {
    const product = await makeProduct(categoryId);
    const order = await makePaidOrder(shopper.id, product, 1);
    const add = (body: unknown) =>
      addNoteRoute(
        request(`/api/v1/admin/orders/${order.id}/notes`, { body, cookie: admin.cookie }),
        ctx({ id: order.id }),
      );
    const created = await add({ body: 'Customer called about delivery.' });
    expect(created.status).toBe(201);
    expect((await add({ body: '   ' })).status).toBe(400);
    const notes = (
      await bodyOf(
        await notesRoute(
          request(`/api/v1/admin/orders/${order.id}/notes`, { cookie: admin.cookie }),
          ctx({ id: order.id }),
        ),
      )
    ).notes;
    expect(notes).toEqual([
      expect.objectContaining({
        body: 'Customer called about delivery.',
        authorEmail: admin.email,
      }),
    ]);
    expect(await auditActions(order.id)).toEqual(['order.note_add']);
  });
});

describe('the order list and detail', () => {
  it('filters by status, customer and date, and shows the customer on the detail', async () => {
    const product = await makeProduct(categoryId);
    const buyer = await account('customer');
    const paid = await makePaidOrder(buyer.id, product, 1, 'paid');
    const asked = await makePaidOrder(buyer.id, product, 1, 'refund_requested');
    const ids = async (qs: string) =>
      (
        await bodyOf(
          await listRoute(request(`/api/v1/admin/orders?${qs}`, { cookie: admin.cookie }), ctx()),
        )
      ).items.map((o: { id: string }) => o.id);
    const today = new Date().toISOString().slice(0, 10);
    expect((await ids(`customer=${encodeURIComponent(buyer.email)}`)).sort()).toEqual(
      [paid.id, asked.id].sort(),
    );
    expect(
      await ids(`customer=${encodeURIComponent(buyer.email)}&status=refund_requested`),
    ).toEqual([asked.id]);
    expect(await ids(`customer=${buyer.id}&from=${today}&to=${today}`)).toHaveLength(2);
    expect(await ids(`customer=${buyer.id}&to=2000-01-01`)).toEqual([]);
    expect(
      (
        await listRoute(
          request('/api/v1/admin/orders?status=lost&from=yesterday', { cookie: admin.cookie }),
          ctx(),
        )
      ).status,
    ).toBe(400);

    const detail = await bodyOf(
      await readRoute(
        request(`/api/v1/admin/orders/${asked.id}`, { cookie: admin.cookie }),
        ctx({ id: asked.id }),
      ),
    );
    expect(detail).toMatchObject({
      customer: { id: buyer.id, email: buyer.email },
      canDecideRefund: true,
      canFulfil: false,
    });
    expect(
      (
        await readRoute(
          request('/api/v1/admin/orders/nope', { cookie: admin.cookie }),
          ctx({ id: 'nope' }),
        )
      ).status,
    ).toBe(404);
  });
});
