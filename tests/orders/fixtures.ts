import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { cartItems, carts, categories, editions, products, users } from '@/db/schema';
import { addEdition, editionOf, productStock } from '../support/editions';
import type { PlaceOrderInput } from '@/lib/orders/schemas';

const tag = () => randomBytes(4).toString('hex');

let categoryId: string | undefined;

/** Own category and products per test, so tests never depend on (or disturb) the seeded catalog. */
export async function makeProduct(opts: {
  stock: number;
  priceCents?: number;
  title?: string;
  currency?: string;
}) {
  const db = await getDb();
  if (!categoryId) {
    const t = tag();
    const [c] = await db
      .insert(categories)
      .values({ slug: `orders-test-${t}`, name: `Orders test ${t}` })
      .returning({ id: categories.id });
    categoryId = c!.id;
  }
  const t = tag();
  const [p] = await db
    .insert(products)
    .values({
      slug: `test-game-${t}`,
      title: opts.title ?? `Test Game ${t}`,
      description: 'A game made for a test.',
      priceCents: opts.priceCents ?? 1999,
      currency: opts.currency ?? 'USD',
      categoryId,
      releaseDate: '2024-01-01',
    })
    .returning();
  const edition = await addEdition(p!.id, { stock: opts.stock });
  return { ...p!, stock: opts.stock, editionId: edition.id };
}

export async function makeUsers(n: number, role: 'customer' | 'admin' = 'customer') {
  const db = await getDb();
  const t = tag();
  const rows = Array.from({ length: n }, (_, i) => ({
    email: `buyer-${t}-${i}@orders.test`,
    name: `Buyer ${i}`,
    // Never used to log in: these tests call lib functions directly.
    passwordHash: 'x',
    role,
  }));
  const out: { id: string; email: string }[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(
      ...(await db
        .insert(users)
        .values(rows.slice(i, i + 500))
        .returning({ id: users.id, email: users.email })),
    );
  }
  return out;
}

export async function makeUser() {
  return (await makeUsers(1))[0]!;
}

/**
 * Puts a line straight into a user's cart, as if they had added it at `seenPriceCents`: an
 * edition, or a game's first edition.
 */
export async function putInCart(
  userId: string,
  productOrEditionId: string,
  quantity: number,
  seenPriceCents = 1999,
) {
  const editionId = (await isEdition(productOrEditionId))
    ? productOrEditionId
    : (await editionOf(productOrEditionId)).id;
  const db = await getDb();
  const [cart] = await db
    .insert(carts)
    .values({ userId })
    .onConflictDoNothing()
    .returning({ id: carts.id });
  const cartId =
    cart?.id ??
    (await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId)))[0]!.id;
  await db
    .insert(cartItems)
    .values({ cartId, editionId, quantity, seenPriceCents })
    .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.editionId], set: { quantity } });
  return cartId;
}

/** Units left of a game (across its editions) or of one edition. */
export async function stockOf(productOrEditionId: string): Promise<number> {
  const db = await getDb();
  const [e] = await db
    .select({ stock: editions.stock })
    .from(editions)
    .where(eq(editions.id, productOrEditionId));
  return e ? (e.stock ?? 0) : productStock(productOrEditionId);
}

async function isEdition(id: string): Promise<boolean> {
  const db = await getDb();
  const [e] = await db.select({ id: editions.id }).from(editions).where(eq(editions.id, id));
  return Boolean(e);
}

export async function productsById(ids: string[]) {
  const db = await getDb();
  return db.select().from(products).where(inArray(products.id, ids));
}

export const address: PlaceOrderInput['shippingAddress'] = {
  name: 'Sam Shopper',
  line1: '1 Arcade Way',
  city: 'Pixelton',
  postalCode: '12345',
  country: 'US',
};

export const cardOrder: PlaceOrderInput = { shippingAddress: address, paymentMethod: 'card' };
export const codOrder: PlaceOrderInput = { shippingAddress: address, paymentMethod: 'cod' };

export const key = () => `test-${randomBytes(8).toString('hex')}`;
