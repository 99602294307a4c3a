import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { makeProduct, makeUser, makeUsers } from '@/tests/orders/fixtures';
import { addItem, clearCart, getCart, mergeGuestCart, removeItem, setItemQuantity } from './cart';
import { signGuestId, verifyGuestCookie } from './guest-id';

async function setProduct(id: string, change: { stock?: number; priceCents?: number; archived?: boolean }) {
  const db = await getDb();
  if (change.stock !== undefined) await db.execute(sql`update products set stock = ${change.stock} where id = ${id}`);
  if (change.priceCents !== undefined) await db.execute(sql`update products set price_cents = ${change.priceCents} where id = ${id}`);
  if (change.archived) await db.execute(sql`update products set archived_at = now() where id = ${id}`);
}

describe('the cart', () => {
  it('adds games, sums repeated adds and totals the lines', async () => {
    const a = await makeProduct({ stock: 10, priceCents: 1000 });
    const b = await makeProduct({ stock: 10, priceCents: 250 });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, a.id, 1);
    await addItem(owner, b.id, 2);
    const cart = await addItem(owner, a.id, 2);
    expect(cart.items.map((i) => [i.productId, i.quantity])).toEqual([
      [a.id, 3],
      [b.id, 2],
    ]);
    expect(cart.subtotalCents).toBe(3500);
    expect(cart.itemCount).toBe(5);
    expect(cart.canCheckout).toBe(true);
    expect(cart.notices).toEqual([]);
    expect(await getCart(owner)).toEqual({ ...cart, notices: [] });
  });

  it('never holds more than the stock, and says so when it lowers a quantity', async () => {
    const p = await makeProduct({ stock: 3, title: 'Tiny Batch' });
    const owner = { userId: (await makeUser()).id };
    const cart = await addItem(owner, p.id, 5);
    expect(cart.items[0]!.quantity).toBe(3);
    expect(cart.notices).toEqual([{ productId: p.id, kind: 'clamped', message: 'Tiny Batch: quantity set to 3 (only 3 in stock).' }]);
    const changed = await setItemQuantity(owner, p.id, 7);
    expect(changed.items[0]!.quantity).toBe(3);
    expect(changed.notices[0]?.kind).toBe('clamped');
  });

  it('refuses to add a game that is out of stock or not in the catalog', async () => {
    const p = await makeProduct({ stock: 0, title: 'Sold Out Saga' });
    const owner = { userId: (await makeUser()).id };
    await expect(addItem(owner, p.id, 1)).rejects.toThrow(new ConflictError('Sold Out Saga is out of stock.'));
    await expect(addItem(owner, randomUUID(), 1)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCart(owner)).items).toEqual([]);
  });

  it('tells the shopper when an item went out of stock, dropped below the quantity or changed price', async () => {
    const gone = await makeProduct({ stock: 5, title: 'Gone Game', priceCents: 1000 });
    const few = await makeProduct({ stock: 5, title: 'Few Left', priceCents: 1000 });
    const pricey = await makeProduct({ stock: 5, title: 'Pricey', priceCents: 1000 });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, gone.id, 1);
    await addItem(owner, few.id, 4);
    await addItem(owner, pricey.id, 1);
    await setProduct(gone.id, { stock: 0 });
    await setProduct(few.id, { stock: 2 });
    await setProduct(pricey.id, { priceCents: 1500 });

    const cart = await getCart(owner);
    expect(cart.notices).toEqual([
      { productId: gone.id, kind: 'out_of_stock', message: 'Gone Game went out of stock since you added it.' },
      { productId: few.id, kind: 'exceeds_stock', message: 'Only 2 of Few Left left: lower the quantity to check out.' },
      { productId: pricey.id, kind: 'price_changed', message: 'Pricey now costs $15.00 (was $10.00).' },
    ]);
    expect(cart.canCheckout).toBe(false);
    expect(cart.items.find((i) => i.productId === pricey.id)).toMatchObject({ unitPriceCents: 1500, seenPriceCents: 1000, purchasable: true });
    // Only purchasable lines count towards the subtotal.
    expect(cart.subtotalCents).toBe(1500);

    // Changing a line acknowledges its current price and stock.
    await setItemQuantity(owner, few.id, 2);
    await removeItem(owner, gone.id);
    const fixed = await setItemQuantity(owner, pricey.id, 1);
    expect(fixed.notices).toEqual([]);
    expect(fixed.canCheckout).toBe(true);
  });

  it('removes a line when its quantity is set to zero, and clears the whole cart', async () => {
    const a = await makeProduct({ stock: 5 });
    const b = await makeProduct({ stock: 5 });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, a.id, 1);
    await addItem(owner, b.id, 1);
    expect((await setItemQuantity(owner, a.id, 0)).items.map((i) => i.productId)).toEqual([b.id]);
    expect((await clearCart(owner)).items).toEqual([]);
    expect((await getCart(owner)).itemCount).toBe(0);
  });

  it('answers 404 when changing or removing a line that is not in the caller’s own cart', async () => {
    const p = await makeProduct({ stock: 5 });
    const [alice, bob] = await makeUsers(2);
    await addItem({ userId: alice!.id }, p.id, 2);
    await expect(setItemQuantity({ userId: bob!.id }, p.id, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeItem({ userId: bob!.id }, p.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCart({ userId: alice!.id })).items[0]!.quantity).toBe(2);
  });

  it('hides archived games from checkout with a notice', async () => {
    const p = await makeProduct({ stock: 5, title: 'Retired' });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, p.id, 1);
    await setProduct(p.id, { archived: true });
    const cart = await getCart(owner);
    expect(cart.notices.map((n) => n.kind)).toEqual(['unavailable']);
    expect(cart.canCheckout).toBe(false);
  });
});

describe('the guest cart', () => {
  it('merges into the account at login, adding quantities within stock, and disappears', async () => {
    const shared = await makeProduct({ stock: 4 });
    const guestOnly = await makeProduct({ stock: 10 });
    const user = await makeUser();
    const guestId = randomUUID();
    await addItem({ userId: user.id }, shared.id, 3);
    await addItem({ guestId }, shared.id, 2);
    await addItem({ guestId }, guestOnly.id, 1);

    const merged = await mergeGuestCart(guestId, user.id);
    expect(Object.fromEntries(merged.items.map((i) => [i.productId, i.quantity]))).toEqual({ [shared.id]: 4, [guestOnly.id]: 1 });
    expect((await getCart({ guestId })).items).toEqual([]);
    // A second call (a retried login) changes nothing.
    const again = await mergeGuestCart(guestId, user.id);
    expect(again.items.map((i) => i.quantity)).toEqual(merged.items.map((i) => i.quantity));
  });

  it('merges into a new account that had no cart yet', async () => {
    const p = await makeProduct({ stock: 10 });
    const user = await makeUser();
    const guestId = randomUUID();
    await addItem({ guestId }, p.id, 2);
    const merged = await mergeGuestCart(guestId, user.id);
    expect(merged.items.map((i) => [i.productId, i.quantity])).toEqual([[p.id, 2]]);
  });

  it('trusts only guest cookies signed with the server secret', () => {
    const guestId = randomUUID();
    const cookie = signGuestId(guestId);
    expect(verifyGuestCookie(cookie)).toBe(guestId);
    expect(verifyGuestCookie(`${randomUUID()}.${cookie.split('.')[1]}`)).toBeNull();
    expect(verifyGuestCookie(`${guestId}.forged`)).toBeNull();
    expect(verifyGuestCookie(guestId)).toBeNull();
    expect(verifyGuestCookie(undefined)).toBeNull();
  });
});
