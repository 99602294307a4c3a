import { randomBytes, randomInt } from 'node:crypto';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as register } from '@/app/api/v1/auth/register/route';
import { DELETE as clearCartRoute, GET as getCartRoute } from '@/app/api/v1/cart/route';
import { POST as addItemRoute } from '@/app/api/v1/cart/items/route';
import {
  DELETE as removeItemRoute,
  PATCH as patchItemRoute,
} from '@/app/api/v1/cart/items/[editionId]/route';
import { GET as listOrdersRoute, POST as placeOrderRoute } from '@/app/api/v1/orders/route';
import { GET as getOrderRoute } from '@/app/api/v1/orders/[id]/route';
import { POST as cancelRoute } from '@/app/api/v1/orders/[id]/cancel/route';
import { POST as refundRoute } from '@/app/api/v1/orders/[id]/refund/route';
import { POST as webhookRoute } from '@/app/api/v1/payments/webhook/route';
import { resetEnvForTests } from '@/lib/config/env';
import { GUEST_COOKIE } from '@/lib/cart';
import { adoptGuestCartFromRequest } from '@/lib/cart/session';
import { paymentEvent, signedEvent, signPayload } from '@/lib/payments';
import { NextResponse } from 'next/server';
import { address, makeProduct, stockOf } from './fixtures';

const ORIGIN = 'http://localhost:3000';
type Opts = { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> };

function req(path: string, o: Opts = {}): NextRequest {
  const headers: Record<string, string> = {
    'x-forwarded-for': `10.9.${randomInt(256)}.${randomInt(1, 255)}`,
    ...o.headers,
  };
  if (o.body !== undefined) headers['content-type'] ??= 'application/json';
  if (o.cookie) headers.cookie = o.cookie;
  return new NextRequest(`${ORIGIN}${path}`, {
    method: o.method ?? (o.body !== undefined ? 'POST' : 'GET'),
    headers,
    body:
      o.body === undefined
        ? undefined
        : typeof o.body === 'string'
          ? o.body
          : JSON.stringify(o.body),
  });
}

const ctx = <P extends Record<string, string>>(params: P = {} as P) => ({
  params: Promise.resolve(params),
});
const bodyOf = async (res: Response) => (await res.json()) as Record<string, unknown>;
const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

async function signUp() {
  const email = `api-${randomBytes(5).toString('hex')}@orders.test`;
  const res = await register(
    req('/api/v1/auth/register', {
      body: { email, password: 'correct horse battery', name: 'Api Shopper' },
    }),
    ctx(),
  );
  expect(res.status).toBe(201);
  return cookiesOf(res);
}

const orderBody = { shippingAddress: address, paymentMethod: 'card' };

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'orders-test-webhook-secret-0123';
  process.env.TRUST_PROXY = 'true';
  resetEnvForTests();
});

describe('cart API', () => {
  it('gives a guest an empty cart without setting a cookie, and a signed cookie on the first add', async () => {
    const empty = await getCartRoute(req('/api/v1/cart'), ctx());
    expect(await bodyOf(empty)).toMatchObject({ items: [], itemCount: 0 });
    expect(empty.headers.getSetCookie()).toEqual([]);

    const product = await makeProduct({ stock: 5 });
    const added = await addItemRoute(
      req('/api/v1/cart/items', { body: { productId: product.id, quantity: 2 } }),
      ctx(),
    );
    expect(added.status).toBe(201);
    const setCookie = added.headers.getSetCookie().find((c) => c.startsWith(`${GUEST_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    const cookie = setCookie.split(';')[0]!;
    const cart = await bodyOf(await getCartRoute(req('/api/v1/cart', { cookie }), ctx()));
    expect(cart.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 2 })]);
  });

  it('adds, changes, removes and clears lines of a signed-in shopper’s cart', async () => {
    const session = await signUp();
    const [a, b] = [await makeProduct({ stock: 5 }), await makeProduct({ stock: 5 })];
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: session, body: { productId: a.id } }),
      ctx(),
    );
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: session, body: { productId: b.id, quantity: 1 } }),
      ctx(),
    );
    const patched = await patchItemRoute(
      req(`/api/v1/cart/items/${a.editionId}`, {
        method: 'PATCH',
        cookie: session,
        body: { quantity: 9 },
      }),
      ctx({ editionId: a.editionId }),
    );
    expect(patched.status).toBe(200);
    const body = await bodyOf(patched);
    expect(body.items).toEqual([
      expect.objectContaining({ productId: a.id, quantity: 5 }),
      expect.objectContaining({ productId: b.id, quantity: 1 }),
    ]);
    expect(body.notices).toEqual([expect.objectContaining({ kind: 'clamped' })]);

    const removed = await removeItemRoute(
      req(`/api/v1/cart/items/${b.editionId}`, { method: 'DELETE', cookie: session }),
      ctx({ editionId: b.editionId }),
    );
    expect((await bodyOf(removed)).itemCount).toBe(5);
    const cleared = await clearCartRoute(
      req('/api/v1/cart', { method: 'DELETE', cookie: session }),
      ctx(),
    );
    expect((await bodyOf(cleared)).items).toEqual([]);
  });

  it('answers 400 to bad input and 404 to a line of someone else’s cart', async () => {
    const [alice, bob] = [await signUp(), await signUp()];
    const product = await makeProduct({ stock: 5 });
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: alice, body: { productId: product.id } }),
      ctx(),
    );
    const bad = await addItemRoute(
      req('/api/v1/cart/items', { cookie: alice, body: { productId: 'nope', quantity: -1 } }),
      ctx(),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bodyOf(bad)).error as { fields: object }).fields)).toEqual([
      'productId',
      'quantity',
    ]);
    const notJson = await addItemRoute(
      req('/api/v1/cart/items', {
        cookie: alice,
        body: 'productId=1',
        headers: { 'content-type': 'text/plain' },
      }),
      ctx(),
    );
    expect(notJson.status).toBe(415);

    const steal = await patchItemRoute(
      req(`/api/v1/cart/items/${product.editionId}`, {
        method: 'PATCH',
        cookie: bob,
        body: { quantity: 1 },
      }),
      ctx({ editionId: product.editionId }),
    );
    expect(steal.status).toBe(404);
    const remove = await removeItemRoute(
      req(`/api/v1/cart/items/${product.editionId}`, { method: 'DELETE', cookie: bob }),
      ctx({ editionId: product.editionId }),
    );
    expect(remove.status).toBe(404);
  });

  it('merges the guest cart into the account at login and clears the guest cookie', async () => {
    const product = await makeProduct({ stock: 5 });
    const added = await addItemRoute(
      req('/api/v1/cart/items', { body: { productId: product.id, quantity: 3 } }),
      ctx(),
    );
    const guest = cookiesOf(added);
    const session = await signUp();
    const { id: userId } = (await bodyOf(await getMe(session))) as { id: string };
    const res = await adoptGuestCartFromRequest(
      req('/api/v1/auth/login', { cookie: guest }),
      userId,
      NextResponse.json({}),
    );
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${GUEST_COOKIE}=`))).toMatch(
      /Max-Age=0/i,
    );
    const cart = await bodyOf(await getCartRoute(req('/api/v1/cart', { cookie: session }), ctx()));
    expect(cart.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 3 })]);
  });
});

async function getMe(cookie: string) {
  const { GET } = await import('@/app/api/v1/auth/me/route');
  return GET(req('/api/v1/auth/me', { cookie }), ctx());
}

describe('orders API', () => {
  it('requires a session and an Idempotency-Key', async () => {
    const anonymous = await placeOrderRoute(
      req('/api/v1/orders', { body: orderBody, headers: { 'idempotency-key': 'key-00000001' } }),
      ctx(),
    );
    expect(anonymous.status).toBe(401);
    const session = await signUp();
    const noKey = await placeOrderRoute(
      req('/api/v1/orders', { cookie: session, body: orderBody }),
      ctx(),
    );
    expect(noKey.status).toBe(400);
    expect(((await bodyOf(noKey)).error as { fields: object }).fields).toHaveProperty(
      'Idempotency-Key',
    );
  });

  it('validates the shipping address field by field', async () => {
    const session = await signUp();
    const res = await placeOrderRoute(
      req('/api/v1/orders', {
        cookie: session,
        headers: { 'idempotency-key': 'key-validate-1' },
        body: {
          shippingAddress: { name: '', line1: 'x', city: 'y', postalCode: '!', country: 'USA' },
          paymentMethod: 'bitcoin',
        },
      }),
      ctx(),
    );
    expect(res.status).toBe(400);
    const fields = ((await bodyOf(res)).error as { fields: Record<string, string[]> }).fields;
    expect(Object.keys(fields).sort()).toEqual([
      'paymentMethod',
      'shippingAddress.country',
      'shippingAddress.name',
      'shippingAddress.postalCode',
    ]);
  });

  it('places an order (201 + paymentUrl), replays it for the same key, 422s a different body, 409s on no stock', async () => {
    const session = await signUp();
    const product = await makeProduct({ stock: 2 });
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: session, body: { productId: product.id, quantity: 2 } }),
      ctx(),
    );
    const send = (body: unknown, key: string) =>
      placeOrderRoute(
        req('/api/v1/orders', { cookie: session, body, headers: { 'idempotency-key': key } }),
        ctx(),
      );

    const first = await send(orderBody, 'checkout-form-1');
    expect(first.status).toBe(201);
    const placed = await bodyOf(first);
    expect(placed.paymentUrl).toMatch(/^\/pay\/pi_sim_/);
    const order = placed.order as { id: string; status: string };
    expect(order.status).toBe('pending_payment');

    const again = await send(orderBody, 'checkout-form-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await bodyOf(again)).toEqual(placed);

    expect((await send({ ...orderBody, paymentMethod: 'cod' }, 'checkout-form-1')).status).toBe(
      422,
    );

    const other = await signUp();
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: other, body: { productId: product.id } }),
      ctx(),
    ).then((r) => expect(r.status).toBe(409));
    expect(await stockOf(product.id)).toBe(0);

    const list = await bodyOf(
      await listOrdersRoute(req('/api/v1/orders', { cookie: session }), ctx()),
    );
    expect((list.orders as { id: string }[]).map((o) => o.id)).toEqual([order.id]);
    const one = await getOrderRoute(
      req(`/api/v1/orders/${order.id}`, { cookie: session }),
      ctx({ id: order.id }),
    );
    expect(one.status).toBe(200);
    const stranger = await getOrderRoute(
      req(`/api/v1/orders/${order.id}`, { cookie: other }),
      ctx({ id: order.id }),
    );
    expect(stranger.status).toBe(404);
    const strangerCancel = await cancelRoute(
      req(`/api/v1/orders/${order.id}/cancel`, { method: 'POST', cookie: other }),
      ctx({ id: order.id }),
    );
    expect(strangerCancel.status).toBe(404);
  });

  it('answers 409 when the stock ran out between cart and checkout', async () => {
    const session = await signUp();
    const product = await makeProduct({ stock: 1, title: 'Last Copy' });
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: session, body: { productId: product.id } }),
      ctx(),
    );
    const rival = await signUp();
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: rival, body: { productId: product.id } }),
      ctx(),
    );
    const won = await placeOrderRoute(
      req('/api/v1/orders', {
        cookie: rival,
        body: orderBody,
        headers: { 'idempotency-key': 'rival-key-1' },
      }),
      ctx(),
    );
    expect(won.status).toBe(201);
    const lost = await placeOrderRoute(
      req('/api/v1/orders', {
        cookie: session,
        body: orderBody,
        headers: { 'idempotency-key': 'late-key-1' },
      }),
      ctx(),
    );
    expect(lost.status).toBe(409);
    expect(await bodyOf(lost)).toMatchObject({
      error: { code: 'conflict', message: 'Last Copy (Standard) is out of stock.' },
    });
  });

  it('pays through the webhook, refuses a cancel of a refunded order and accepts a refund request', async () => {
    const session = await signUp();
    const product = await makeProduct({ stock: 3 });
    await addItemRoute(
      req('/api/v1/cart/items', { cookie: session, body: { productId: product.id } }),
      ctx(),
    );
    const placed = await bodyOf(
      await placeOrderRoute(
        req('/api/v1/orders', {
          cookie: session,
          body: orderBody,
          headers: { 'idempotency-key': 'pay-key-1' },
        }),
        ctx(),
      ),
    );
    const order = placed.order as { id: string; totalCents: number };
    const intentId = String(placed.paymentUrl).split('/').pop()!;
    const { body, signature } = signedEvent(
      paymentEvent('payment_intent.succeeded', {
        intentId,
        amountCents: order.totalCents,
        currency: 'USD',
      }),
    );
    const hook = (sig: string) =>
      webhookRoute(
        req('/api/v1/payments/webhook', { body, headers: { 'arcade-signature': sig } }),
        ctx(),
      );

    expect((await hook(signPayload(body, Math.floor(Date.now() / 1000) - 301))).status).toBe(400);
    // Flip the first digest digit to another value: overwriting it with a fixed '0' leaves one signature in 16 intact.
    expect(
      (await hook(signature.replace(/v1=(.)/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`)))
        .status,
    ).toBe(400);
    const ok = await hook(signature);
    expect(ok.status).toBe(200);
    expect(await bodyOf(ok)).toEqual({ received: true, duplicate: false });
    expect(await bodyOf(await hook(signature))).toEqual({ received: true, duplicate: true });

    const refund = await refundRoute(
      req(`/api/v1/orders/${order.id}/refund`, {
        cookie: session,
        body: { reason: 'Changed my mind' },
      }),
      ctx({ id: order.id }),
    );
    expect(refund.status).toBe(200);
    expect((await bodyOf(refund)).status).toBe('refund_requested');
    const cancel = await cancelRoute(
      req(`/api/v1/orders/${order.id}/cancel`, { method: 'POST', cookie: session }),
      ctx({ id: order.id }),
    );
    expect(cancel.status).toBe(409);
    const crossSite = await cancelRoute(
      req(`/api/v1/orders/${order.id}/cancel`, {
        method: 'POST',
        cookie: session,
        headers: { origin: 'https://evil.test' },
      }),
      ctx({ id: order.id }),
    );
    expect(crossSite.status).toBe(403);
  });
});
