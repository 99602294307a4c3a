import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as addItemRoute } from '@/app/api/v1/cart/items/route';
import { POST as placeOrderRoute } from '@/app/api/v1/orders/route';
import { GET as productRoute } from '@/app/api/v1/products/[slug]/route';
import { getDb } from '@/db/client';
import { editions, gifts, payments } from '@/db/schema';
import { ValidationError } from '@/lib/errors';
import { getKv } from '@/lib/kv';
import { cancelOrder, placeOrder, type PlaceOrderInput } from '@/lib/orders';
import { counterKey } from '@/lib/stock';
import { address, key, makeUser, putInCart, stockOf } from '../orders/fixtures';
import { account, bodyOf, ctx, request } from '../admin/support';
import { addEdition } from '../support/editions';
import {
  cartLinesOf,
  counter,
  itemsOfOrder,
  keyEdition,
  keyGame,
  makeGame,
  orderRow,
  ordersOf,
  pay,
  useWebhookSecret,
} from './support';

beforeAll(useWebhookSecret);

/** The ValidationError a checkout is refused with (anything else fails the test). */
async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return err as ValidationError;
}

const digital = (billingCountry?: string): PlaceOrderInput => ({
  billingCountry,
  paymentMethod: 'card',
});

async function paymentOf(orderId: string) {
  const db = await getDb();
  const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return row!;
}

/** A box of a game: a physical edition with `stock` units. */
async function boxGame(stock: number, priceCents = 1999) {
  const game = await makeGame({ priceCents });
  const edition = await addEdition(game.id, {
    stock,
    delivery: 'physical',
    priceCents,
    name: 'Boxed',
  });
  return { game, edition };
}

describe('checking out a digital cart', () => {
  it('orders a key edition with only a billing country: no address kept, no shipping, German VAT in the total', async () => {
    const { edition } = await keyGame(3, 2000);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 1);
    const { order, paymentUrl } = await placeOrder(user.id, digital('DE'), key());
    expect(paymentUrl).toBeTruthy();
    expect(order).toMatchObject({
      subtotalCents: 2000,
      shippingCents: 0,
      taxCents: 380,
      totalCents: 2380,
      billingCountry: 'DE',
      shippingAddress: null,
      status: 'pending_payment',
    });
    expect(order.items).toEqual([
      expect.objectContaining({ editionId: edition.id, delivery: 'key', quantity: 1 }),
    ]);
    const row = await orderRow(order.id);
    expect(row).toMatchObject({
      shippingAddress: null,
      billingCountry: 'DE',
      taxCents: 380,
      totalCents: 2380,
    });
    // What the shopper is charged is the total with tax.
    expect((await paymentOf(order.id)).amountCents).toBe(2380);
    expect(await stockOf(edition.id)).toBe(2);
  });

  it('estimates no tax for a US buyer', async () => {
    const { edition } = await keyGame(3, 2000);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 2);
    const { order } = await placeOrder(user.id, digital('US'), key());
    expect(order).toMatchObject({
      subtotalCents: 4000,
      shippingCents: 0,
      taxCents: 0,
      totalCents: 4000,
      billingCountry: 'US',
    });
    expect((await paymentOf(order.id)).amountCents).toBe(4000);
  });

  it('bills a digital cart to the country of an address it was given, without keeping the address', async () => {
    const { edition } = await keyGame(2, 1000);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 1);
    const { order } = await placeOrder(
      user.id,
      { shippingAddress: { ...address!, country: 'FR' }, paymentMethod: 'card' },
      key(),
    );
    expect(order).toMatchObject({
      billingCountry: 'FR',
      taxCents: 200,
      totalCents: 1200,
      shippingCents: 0,
      shippingAddress: null,
    });
    expect((await orderRow(order.id))!.shippingAddress).toBeNull();
  });

  it('refuses a digital cart with neither billing country nor address, naming billingCountry, and writes nothing', async () => {
    const { edition } = await keyGame(3, 2000);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 2);
    const err = await refusal(placeOrder(user.id, digital(), key()));
    expect(Object.keys(err.fields ?? {})).toEqual(['billingCountry']);
    expect(await ordersOf(user.id)).toEqual([]);
    expect(await stockOf(edition.id)).toBe(3);
    expect(await cartLinesOf(user.id)).toEqual([{ editionId: edition.id, quantity: 2 }]);
    // Whatever the gate took on the way in was given back.
    const left = await counter(edition.id);
    expect(left === null || left === 3).toBe(true);
    // And the cart still checks out once the country is given.
    const { order } = await placeOrder(user.id, digital('US'), key());
    expect(order.items[0]!.quantity).toBe(2);
    expect(await stockOf(edition.id)).toBe(1);
  });

  it('refuses cash on delivery for a digital cart, naming paymentMethod', async () => {
    const { edition } = await keyGame(3);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 1);
    const err = await refusal(
      placeOrder(user.id, { billingCountry: 'US', paymentMethod: 'cod' }, key()),
    );
    expect(err.fields).toHaveProperty('paymentMethod');
    expect(await ordersOf(user.id)).toEqual([]);
    expect(await stockOf(edition.id)).toBe(3);
  });

  it('refuses an unknown country code with a 400 naming the field, and accepts a known one in lower case', async () => {
    const { edition } = await keyGame(3, 2000);
    const shopper = await account('customer');
    await putInCart(shopper.id, edition.id, 1);
    const post = (body: unknown) =>
      placeOrderRoute(
        request('/api/v1/orders', {
          cookie: shopper.cookie,
          body,
          headers: { 'idempotency-key': key() },
        }),
        ctx(),
      );

    const badBilling = await post({ billingCountry: 'ZZ', paymentMethod: 'card' });
    expect(badBilling.status).toBe(400);
    expect((await bodyOf(badBilling)).error.fields).toHaveProperty('billingCountry');

    const badAddress = await post({
      shippingAddress: { ...address, country: 'QQ' },
      paymentMethod: 'card',
    });
    expect(badAddress.status).toBe(400);
    expect((await bodyOf(badAddress)).error.fields).toHaveProperty(['shippingAddress.country']);
    expect(await ordersOf(shopper.id)).toEqual([]);
    expect(await stockOf(edition.id)).toBe(3);

    const ok = await post({ billingCountry: 'de', paymentMethod: 'card' });
    expect(ok.status).toBe(201);
    expect((await bodyOf(ok)).order).toMatchObject({
      billingCountry: 'DE',
      taxCents: 380,
      totalCents: 2380,
    });
  });
});

describe('checking out boxes and mixed carts', () => {
  it('refuses a physical edition without an address, naming shippingAddress, even with a billing country', async () => {
    const { edition } = await boxGame(4);
    const user = await makeUser();
    await putInCart(user.id, edition.id, 1);
    const err = await refusal(placeOrder(user.id, digital('US'), key()));
    expect(Object.keys(err.fields ?? {})).toEqual(['shippingAddress']);
    expect(await ordersOf(user.id)).toEqual([]);
    expect(await stockOf(edition.id)).toBe(4);
  });

  it('accepts cash on delivery for an all-physical cart, and refuses it when a digital line rides along', async () => {
    const { edition: box } = await boxGame(3);
    const buyer = await makeUser();
    await putInCart(buyer.id, box.id, 1);
    const placed = await placeOrder(
      buyer.id,
      { shippingAddress: address, paymentMethod: 'cod' },
      key(),
    );
    expect(placed.paymentUrl).toBeNull();
    expect(placed.order).toMatchObject({
      paymentMethod: 'cod',
      status: 'pending_payment',
      expiresAt: null,
      shippingCents: 499,
    });
    expect(placed.order.shippingAddress).toMatchObject({ country: 'US', city: address!.city });
    expect(await stockOf(box.id)).toBe(2);

    const { edition: keyed } = await keyGame(2);
    const mixed = await makeUser();
    await putInCart(mixed.id, box.id, 1);
    await putInCart(mixed.id, keyed.id, 1);
    const err = await refusal(
      placeOrder(mixed.id, { shippingAddress: address, paymentMethod: 'cod' }, key()),
    );
    expect(err.fields).toHaveProperty('paymentMethod');
    expect(await stockOf(box.id)).toBe(2);
    expect(await stockOf(keyed.id)).toBe(2);
  });

  it('refuses a gift with a physical line, alone or beside a digital one, and writes no gift', async () => {
    const { edition: box } = await boxGame(3);
    const { edition: keyed } = await keyGame(2);
    const friend = { email: 'friend@editions.test', message: 'Enjoy' };

    const boxOnly = await makeUser();
    await putInCart(boxOnly.id, box.id, 1);
    const a = await refusal(
      placeOrder(
        boxOnly.id,
        { shippingAddress: address, paymentMethod: 'card', gift: friend },
        key(),
      ),
    );
    expect(a.fields).toHaveProperty('gift');

    const mixed = await makeUser();
    await putInCart(mixed.id, box.id, 1);
    await putInCart(mixed.id, keyed.id, 1);
    const b = await refusal(
      placeOrder(
        mixed.id,
        { shippingAddress: address, paymentMethod: 'card', gift: friend },
        key(),
      ),
    );
    expect(b.fields).toHaveProperty('gift');

    const db = await getDb();
    expect(await db.select().from(gifts).where(eq(gifts.senderId, boxOnly.id))).toEqual([]);
    expect(await db.select().from(gifts).where(eq(gifts.senderId, mixed.id))).toEqual([]);
    expect(await stockOf(box.id)).toBe(3);
    expect(await stockOf(keyed.id)).toBe(2);
  });

  it('charges shipping on the physical lines only, and taxes the goods of the billing country', async () => {
    // The key alone would reach free shipping (5000): shipping follows the box's 1000.
    const { edition: keyed } = await keyGame(1, 6000);
    const { edition: box } = await boxGame(5, 1000);
    const user = await makeUser();
    await putInCart(user.id, keyed.id, 1);
    await putInCart(user.id, box.id, 1);
    const { order } = await placeOrder(
      user.id,
      { shippingAddress: { ...address!, country: 'DE' }, paymentMethod: 'card' },
      key(),
    );
    expect(order).toMatchObject({
      subtotalCents: 7000,
      shippingCents: 499,
      taxCents: 1330,
      totalCents: 7000 + 499 + 1330,
      billingCountry: 'DE',
    });
    expect(order.shippingAddress).toMatchObject({ country: 'DE' });
    expect(order.items.map((i) => i.delivery).sort()).toEqual(['key', 'physical']);
    expect((await paymentOf(order.id)).amountCents).toBe(8829);
    expect(await stockOf(keyed.id)).toBe(0);
    expect(await stockOf(box.id)).toBe(4);
  });

  it('ships a box free from 5000 of boxes', async () => {
    const { edition: box } = await boxGame(5, 2500);
    const user = await makeUser();
    await putInCart(user.id, box.id, 2);
    const { order } = await placeOrder(
      user.id,
      { shippingAddress: address, paymentMethod: 'card' },
      key(),
    );
    expect(order).toMatchObject({
      subtotalCents: 5000,
      shippingCents: 0,
      taxCents: 0,
      totalCents: 5000,
    });
  });
});

describe('an unlimited download edition', () => {
  it('sells without moving any stock and without the gate, even over a stale sold-out counter', async () => {
    const game = await makeGame({ priceCents: 1000 });
    const download = await addEdition(game.id, {
      stock: null,
      delivery: 'download',
      priceCents: 1000,
    });
    const [a, b, c] = [await makeUser(), await makeUser(), await makeUser()];

    await putInCart(a.id, download.id, 3);
    const first = await placeOrder(a.id, digital('US'), key());
    expect(first.order.items[0]).toMatchObject({ editionId: download.id, quantity: 3 });
    const db = await getDb();
    const stockColumn = async () =>
      (
        await db
          .select({ stock: editions.stock })
          .from(editions)
          .where(eq(editions.id, download.id))
      )[0]!.stock;
    expect(await stockColumn()).toBeNull();
    // The gate kept no count of it.
    expect(await counter(download.id)).toBeNull();

    // A counter claiming it sold out (left by anything) must not refuse a buyer.
    await getKv().set(counterKey(download.id), 0, { ex: 60 });
    await putInCart(b.id, download.id, 2);
    const second = await placeOrder(b.id, digital('US'), key());
    expect(second.order.status).toBe('pending_payment');
    expect(await counter(download.id)).toBe(0);
    expect(await stockColumn()).toBeNull();

    // Cancelling gives nothing back, paying takes nothing: still unlimited.
    await cancelOrder(b.id, second.order.id);
    expect(await stockColumn()).toBeNull();
    await putInCart(c.id, download.id, 1);
    const third = await placeOrder(c.id, digital('US'), key());
    await pay(third.paymentUrl);
    expect((await orderRow(third.order.id))!.status).toBe('fulfilled');
    expect(await itemsOfOrder(third.order.id)).toEqual([
      expect.objectContaining({ userId: c.id, editionId: download.id, licenseKeyId: null }),
    ]);
    expect(await stockColumn()).toBeNull();
    await getKv().del(counterKey(download.id));
  });
});

describe('GET /api/v1/products/{slug}', () => {
  it('carries the editions on sale with price, stock and availability, in picker order', async () => {
    const game = await makeGame({ priceCents: 1200 });
    const keyed = await keyEdition(game.id, {
      keys: 3,
      priceCents: 1500,
      name: 'Steam key',
      position: 0,
    });
    const box = await addEdition(game.id, {
      stock: 0,
      delivery: 'physical',
      priceCents: 3000,
      name: 'Boxed',
      position: 1,
    });
    const download = await addEdition(game.id, {
      stock: null,
      delivery: 'download',
      priceCents: 1200,
      name: 'DRM-free',
      position: 2,
    });
    const archived = await addEdition(game.id, {
      stock: 9,
      delivery: 'physical',
      priceCents: 900,
      name: 'Old box',
      position: 3,
    });
    const db = await getDb();
    await db.update(editions).set({ archivedAt: new Date() }).where(eq(editions.id, archived.id));

    const res = await productRoute(
      new NextRequest(`http://localhost:3000/api/v1/products/${game.slug}`),
      ctx({ slug: game.slug }),
    );
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.id).toBe(game.id);
    expect(body.editions).toEqual([
      expect.objectContaining({
        id: keyed.id,
        name: 'Steam key',
        delivery: 'key',
        priceCents: 1500,
        currency: 'USD',
        stock: 3,
        available: true,
        sku: keyed.sku,
      }),
      expect.objectContaining({
        id: box.id,
        name: 'Boxed',
        delivery: 'physical',
        priceCents: 3000,
        stock: 0,
        available: false,
      }),
      expect.objectContaining({
        id: download.id,
        name: 'DRM-free',
        delivery: 'download',
        priceCents: 1200,
        stock: null,
        available: true,
      }),
    ]);
    // An uncapped download makes the game always available; the counted stock is the key's.
    expect(body).toMatchObject({ unlimited: true, stock: 3 });
  });
});

describe('POST /api/v1/cart/items', () => {
  it('adds an edition by its id', async () => {
    const game = await makeGame();
    const box = await addEdition(game.id, {
      stock: 5,
      delivery: 'physical',
      name: 'Boxed',
      position: 0,
    });
    const keyed = await keyEdition(game.id, {
      keys: 2,
      priceCents: 1500,
      name: 'Steam key',
      position: 1,
    });
    const shopper = await account('customer');
    const res = await addItemRoute(
      request('/api/v1/cart/items', {
        cookie: shopper.cookie,
        body: { editionId: keyed.id, quantity: 2 },
      }),
      ctx(),
    );
    expect(res.status).toBe(201);
    const cart = await bodyOf(res);
    expect(cart.items).toEqual([
      expect.objectContaining({
        editionId: keyed.id,
        delivery: 'key',
        quantity: 2,
        unitPriceCents: 1500,
      }),
    ]);
    expect(await cartLinesOf(shopper.id)).toEqual([{ editionId: keyed.id, quantity: 2 }]);
    expect(cart.items.some((i: { editionId: string }) => i.editionId === box.id)).toBe(false);
  });

  it('takes a legacy productId as the first edition that can be bought', async () => {
    const game = await makeGame();
    // First in picker order, but sold out: the legacy client means the one on sale.
    await addEdition(game.id, { stock: 0, delivery: 'physical', name: 'Boxed', position: 0 });
    const keyed = await keyEdition(game.id, {
      keys: 2,
      priceCents: 1500,
      name: 'Steam key',
      position: 1,
    });
    const shopper = await account('customer');
    const res = await addItemRoute(
      request('/api/v1/cart/items', { cookie: shopper.cookie, body: { productId: game.id } }),
      ctx(),
    );
    expect(res.status).toBe(201);
    expect((await bodyOf(res)).items).toEqual([
      expect.objectContaining({ editionId: keyed.id, productId: game.id, quantity: 1 }),
    ]);
    expect(await cartLinesOf(shopper.id)).toEqual([{ editionId: keyed.id, quantity: 1 }]);
  });

  it('answers 400 naming editionId when neither an edition nor a game is given', async () => {
    const shopper = await account('customer');
    const res = await addItemRoute(
      request('/api/v1/cart/items', { cookie: shopper.cookie, body: { quantity: 1 } }),
      ctx(),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toHaveProperty('editionId');
    expect(await cartLinesOf(shopper.id)).toEqual([]);
  });
});
