import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { makeProduct, makeUser, makeUsers } from '@/tests/orders/fixtures';
import { addItem, clearCart, getCart, mergeGuestCart, removeItem, setItemQuantity } from './cart';
import { signGuestId, verifyGuestCookie } from './guest-id';

/** Changes a test game's only edition (stock, price) or the game itself (archived). */
async function setProduct(
  p: { id: string; editionId: string },
  change: { stock?: number; priceCents?: number; archived?: boolean },
) {
  const db = await getDb();
  if (change.stock !== undefined)
    await db.execute(sql`update editions set stock = ${change.stock} where id = ${p.editionId}`);
  if (change.priceCents !== undefined)
    await db.execute(
      sql`update editions set price_cents = ${change.priceCents} where id = ${p.editionId}`,
    );
  if (change.archived)
    await db.execute(sql`update products set archived_at = now() where id = ${p.id}`);
}

describe('the cart', () => {
  it('adds games, sums repeated adds and totals the lines', async () => {
    const a = await makeProduct({ stock: 10, priceCents: 1000 });
    const b = await makeProduct({ stock: 10, priceCents: 250 });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, a.editionId, 1);
    await addItem(owner, b.editionId, 2);
    const cart = await addItem(owner, a.editionId, 2);
    expect(cart.items.map((i) => [i.editionId, i.quantity])).toEqual([
      [a.editionId, 3],
      [b.editionId, 2],
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
    const cart = await addItem(owner, p.editionId, 5);
    expect(cart.items[0]!.quantity).toBe(3);
    expect(cart.notices).toEqual([
      {
        productId: p.id,
        editionId: p.editionId,
        kind: 'clamped',
        message: 'Tiny Batch (Standard): quantity set to 3 (only 3 in stock).',
      },
    ]);
    const changed = await setItemQuantity(owner, p.editionId, 7);
    expect(changed.items[0]!.quantity).toBe(3);
    expect(changed.notices[0]?.kind).toBe('clamped');
  });

  it('refuses to add a game that is out of stock or not in the catalog', async () => {
    const p = await makeProduct({ stock: 0, title: 'Sold Out Saga' });
    const owner = { userId: (await makeUser()).id };
    await expect(addItem(owner, p.editionId, 1)).rejects.toThrow(
      new ConflictError('Sold Out Saga (Standard) is out of stock.'),
    );
    await expect(addItem(owner, randomUUID(), 1)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCart(owner)).items).toEqual([]);
  });

  it('tells the shopper when an item went out of stock, dropped below the quantity or changed price', async () => {
    const gone = await makeProduct({ stock: 5, title: 'Gone Game', priceCents: 1000 });
    const few = await makeProduct({ stock: 5, title: 'Few Left', priceCents: 1000 });
    const pricey = await makeProduct({ stock: 5, title: 'Pricey', priceCents: 1000 });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, gone.editionId, 1);
    await addItem(owner, few.editionId, 4);
    await addItem(owner, pricey.editionId, 1);
    await setProduct(gone, { stock: 0 });
    await setProduct(few, { stock: 2 });
    await setProduct(pricey, { priceCents: 1500 });

    const cart = await getCart(owner);
    expect(cart.notices).toEqual([
      {
        productId: gone.id,
        editionId: gone.editionId,
        kind: 'out_of_stock',
        message: 'Gone Game (Standard) went out of stock since you added it.',
      },
      {
        productId: few.id,
        editionId: few.editionId,
        kind: 'exceeds_stock',
        message: 'Only 2 of Few Left (Standard) left: lower the quantity to check out.',
      },
      {
        productId: pricey.id,
        editionId: pricey.editionId,
        kind: 'price_changed',
        message: 'Pricey (Standard) now costs $15.00 (was $10.00).',
      },
    ]);
    expect(cart.canCheckout).toBe(false);
    expect(cart.items.find((i) => i.editionId === pricey.editionId)).toMatchObject({
      unitPriceCents: 1500,
      seenPriceCents: 1000,
      purchasable: true,
    });
    // Every line counts towards the subtotal, bought as it stands or not: the notices say what to fix.
    expect(cart.subtotalCents).toBe(1000 + 4 * 1000 + 1500);

    // Changing a line acknowledges its current price and stock.
    await setItemQuantity(owner, few.editionId, 2);
    await removeItem(owner, gone.editionId);
    const fixed = await setItemQuantity(owner, pricey.editionId, 1);
    expect(fixed.notices).toEqual([]);
    expect(fixed.canCheckout).toBe(true);
  });

  it('removes a line when its quantity is set to zero, and clears the whole cart', async () => {
    const a = await makeProduct({ stock: 5 });
    const b = await makeProduct({ stock: 5 });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, a.editionId, 1);
    await addItem(owner, b.editionId, 1);
    expect((await setItemQuantity(owner, a.editionId, 0)).items.map((i) => i.editionId)).toEqual([
      b.editionId,
    ]);
    expect((await clearCart(owner)).items).toEqual([]);
    expect((await getCart(owner)).itemCount).toBe(0);
  });

  it('answers 404 when changing or removing a line that is not in the caller’s own cart', async () => {
    const p = await makeProduct({ stock: 5 });
    const [alice, bob] = await makeUsers(2);
    await addItem({ userId: alice!.id }, p.editionId, 2);
    await expect(setItemQuantity({ userId: bob!.id }, p.editionId, 1)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(removeItem({ userId: bob!.id }, p.editionId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await getCart({ userId: alice!.id })).items[0]!.quantity).toBe(2);
  });

  it('hides archived games from checkout with a notice', async () => {
    const p = await makeProduct({ stock: 5, title: 'Retired' });
    const owner = { userId: (await makeUser()).id };
    await addItem(owner, p.editionId, 1);
    await setProduct(p, { archived: true });
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
    await addItem({ userId: user.id }, shared.editionId, 3);
    await addItem({ guestId }, shared.editionId, 2);
    await addItem({ guestId }, guestOnly.editionId, 1);

    const merged = await mergeGuestCart(guestId, user.id);
    expect(Object.fromEntries(merged.items.map((i) => [i.editionId, i.quantity]))).toEqual({
      [shared.editionId]: 4,
      [guestOnly.editionId]: 1,
    });
    expect((await getCart({ guestId })).items).toEqual([]);
    // A second call (a retried login) changes nothing.
    const again = await mergeGuestCart(guestId, user.id);
    expect(again.items.map((i) => i.quantity)).toEqual(merged.items.map((i) => i.quantity));
  });

  it('merges into a new account that had no cart yet', async () => {
    const p = await makeProduct({ stock: 10 });
    const user = await makeUser();
    const guestId = randomUUID();
    await addItem({ guestId }, p.editionId, 2);
    const merged = await mergeGuestCart(guestId, user.id);
    expect(merged.items.map((i) => [i.editionId, i.quantity])).toEqual([[p.editionId, 2]]);
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
