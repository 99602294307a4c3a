import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as clearCartRoute, GET as getCartRoute } from '@/app/api/v1/cart/route';
import { DELETE as removeItemRoute } from '@/app/api/v1/cart/items/[editionId]/route';
import { POST as addItemRoute } from '@/app/api/v1/cart/items/route';
import { GET as getOrderRoute } from '@/app/api/v1/orders/[id]/route';
import { POST as cancelRoute } from '@/app/api/v1/orders/[id]/cancel/route';
import { POST as refundRoute } from '@/app/api/v1/orders/[id]/refund/route';
import { resetEnvForTests } from '@/lib/config/env';
import { GUEST_COOKIE } from '@/lib/cart';
import { cancelOrder, getOrder, MAX_OPEN_UNPAID_ORDERS, placeOrder } from '@/lib/orders';
import { handlePaymentWebhook, paymentEvent, signedEvent } from '@/lib/payments';
import { ConflictError, ValidationError } from '@/lib/errors';
import { account, bodyOf, ctx, request } from '../admin/support';
import { cardOrder, codOrder, key, makeProduct, makeUser, putInCart, stockOf } from './fixtures';

const SAME_ORIGIN = { origin: 'http://localhost:3000' };

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'orders-test-webhook-secret-0123';
  resetEnvForTests();
});

describe('order routes given an id that is not a uuid', () => {
  const malformed = [
    'not-a-uuid',
    '-'.repeat(36),
    `${crypto.randomUUID()}x`,
    "1' or '1'='1",
    'ffffffff-ffff-ffff-ffff',
  ];

  it('answer 404 to read, cancel and refund, never a 500', async () => {
    const shopper = await account('customer');
    for (const id of malformed) {
      const read = await getOrderRoute(
        request('/api/v1/orders/x', { cookie: shopper.cookie }),
        ctx({ id }),
      );
      const cancel = await cancelRoute(
        request('/api/v1/orders/x/cancel', {
          method: 'POST',
          cookie: shopper.cookie,
          headers: SAME_ORIGIN,
        }),
        ctx({ id }),
      );
      const refund = await refundRoute(
        request('/api/v1/orders/x/refund', {
          cookie: shopper.cookie,
          headers: SAME_ORIGIN,
          body: { reason: 'x' },
        }),
        ctx({ id }),
      );
      for (const [what, res] of [
        ['read', read],
        ['cancel', cancel],
        ['refund', refund],
      ] as const) {
        expect(res.status, `${what} ${JSON.stringify(id)}`).toBe(404);
        expect((await bodyOf(res)).error.code).toBe('not_found');
      }
    }
  });
});

describe('the cart given a guest cookie that is not valid percent-encoding', () => {
  it('treats the cookie as absent instead of failing every cart request', async () => {
    const cookie = `${GUEST_COOKIE}=%E0%A4%A`;
    const cart = await getCartRoute(request('/api/v1/cart', { headers: { cookie } }), ctx());
    expect(cart.status).toBe(200);
    expect(await bodyOf(cart)).toMatchObject({ items: [], itemCount: 0 });

    const product = await makeProduct({ stock: 3 });
    const added = await addItemRoute(
      request('/api/v1/cart/items', {
        headers: { cookie, ...SAME_ORIGIN },
        body: { productId: product.id },
      }),
      ctx(),
    );
    expect(added.status).toBe(201);
    expect(added.headers.getSetCookie().some((c) => c.startsWith(`${GUEST_COOKIE}=`))).toBe(true);
  });
});

describe('emptying a cart from another site', () => {
  it('is refused with a 403 and leaves every line in place', async () => {
    const shopper = await account('customer');
    const product = await makeProduct({ stock: 3 });
    await addItemRoute(
      request('/api/v1/cart/items', {
        cookie: shopper.cookie,
        headers: SAME_ORIGIN,
        body: { productId: product.id },
      }),
      ctx(),
    );
    const evil = { origin: 'https://evil.example' };
    const clear = await clearCartRoute(
      request('/api/v1/cart', { method: 'DELETE', cookie: shopper.cookie, headers: evil }),
      ctx(),
    );
    const remove = await removeItemRoute(
      request(`/api/v1/cart/items/${product.editionId}`, {
        method: 'DELETE',
        cookie: shopper.cookie,
        headers: evil,
      }),
      ctx({ editionId: product.editionId }),
    );
    expect([clear.status, remove.status]).toEqual([403, 403]);
    const cart = await bodyOf(
      await getCartRoute(request('/api/v1/cart', { cookie: shopper.cookie }), ctx()),
    );
    expect(cart.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 1 })]);
  });
});

describe('a signed payment event', () => {
  it('is refused when its currency differs from the payment’s, even for the right amount', async () => {
    const product = await makeProduct({ stock: 3, priceCents: 6000 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const placed = await placeOrder(user.id, cardOrder, key());
    const intentId = placed.paymentUrl!.split('/').pop()!;
    const { body, signature } = signedEvent(
      paymentEvent('payment_intent.succeeded', {
        intentId,
        amountCents: placed.order.totalCents,
        currency: 'JPY',
      }),
    );
    const err = await handlePaymentWebhook(body, signature).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((await getOrder(user.id, placed.order.id)).status).toBe('pending_payment');
  });
});

describe('a shopper holding stock without paying', () => {
  it('cannot keep more than a handful of unpaid orders open, and may order again once one is cancelled', async () => {
    const product = await makeProduct({ stock: 1000 });
    const user = await makeUser();
    const open: string[] = [];
    for (let i = 0; i < MAX_OPEN_UNPAID_ORDERS; i++) {
      await putInCart(user.id, product.id, 99);
      open.push((await placeOrder(user.id, i % 2 ? cardOrder : codOrder, key())).order.id);
    }
    expect(await stockOf(product.id)).toBe(1000 - 99 * MAX_OPEN_UNPAID_ORDERS);

    await putInCart(user.id, product.id, 99);
    const refused = await placeOrder(user.id, codOrder, key()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).message).toMatch(/waiting for payment/);
    expect(await stockOf(product.id)).toBe(1000 - 99 * MAX_OPEN_UNPAID_ORDERS);

    await cancelOrder(user.id, open[0]!);
    const placed = await placeOrder(user.id, codOrder, key());
    expect(placed.order.status).toBe('pending_payment');
  });
});
