import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx, type Tx } from '@/db/client';
import { cartItems, carts, productImages, products } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import { MAX_LINE_QUANTITY } from './schemas';
import { mirrorCartLines, mirroredCartLines, withCartMirror, type MirroredLine } from './mirror';
import {
  cartTotals,
  EMPTY_CART,
  type CartLine,
  type CartNotice,
  type CartOwner,
  type CartView,
} from './types';

function ownerCondition(owner: CartOwner) {
  return 'userId' in owner ? eq(carts.userId, owner.userId) : eq(carts.guestId, owner.guestId);
}

async function findCartId(db: DbOrTx, owner: CartOwner): Promise<string | null> {
  const [row] = await db.select({ id: carts.id }).from(carts).where(ownerCondition(owner)).limit(1);
  return row?.id ?? null;
}

async function ensureCartId(tx: DbOrTx, owner: CartOwner): Promise<string> {
  const values = 'userId' in owner ? { userId: owner.userId } : { guestId: owner.guestId };
  const [created] = await tx
    .insert(carts)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: carts.id });
  if (created) return created.id;
  const id = await findCartId(tx, owner);
  if (!id) throw new Error('cart vanished while being created');
  return id;
}

type LineRow = {
  productId: string;
  slug: string;
  title: string;
  coverUrl: string | null;
  quantity: number;
  seenPriceCents: number;
  priceCents: number;
  currency: string;
  stock: number;
  archived: boolean;
};

async function lineRows(db: DbOrTx, cartId: string): Promise<LineRow[]> {
  return db
    .select({
      productId: cartItems.productId,
      slug: products.slug,
      title: products.title,
      coverUrl: sql<string | null>`(
        select ${productImages.url} from ${productImages}
        where ${productImages.productId} = ${products.id}
        order by ${productImages.position} asc limit 1
      )`,
      quantity: cartItems.quantity,
      seenPriceCents: cartItems.seenPriceCents,
      priceCents: products.priceCents,
      currency: products.currency,
      stock: products.stock,
      archived: sql<boolean>`${products.archivedAt} is not null`,
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(products.title));
}

/** What the shopper must know about a line before paying: computed on every read, never stale. */
function noticesFor(row: LineRow): CartNotice[] {
  const notices: CartNotice[] = [];
  const { productId, title } = row;
  if (row.archived) {
    notices.push({
      productId,
      kind: 'unavailable',
      message: `${title} is no longer sold. Remove it to check out.`,
    });
  } else if (row.stock <= 0) {
    notices.push({
      productId,
      kind: 'out_of_stock',
      message: `${title} went out of stock since you added it.`,
    });
  } else if (row.quantity > row.stock) {
    notices.push({
      productId,
      kind: 'exceeds_stock',
      message: `Only ${row.stock} of ${title} left: lower the quantity to check out.`,
    });
  }
  if (row.seenPriceCents !== row.priceCents) {
    notices.push({
      productId,
      kind: 'price_changed',
      message: `${title} now costs ${formatMoney(row.priceCents, row.currency)} (was ${formatMoney(row.seenPriceCents, row.currency)}).`,
    });
  }
  return notices;
}

function toCartView(rows: LineRow[], extra: CartNotice[] = []): CartView {
  if (!rows.length) return { ...EMPTY_CART, notices: extra };
  const notices = [...extra];
  const items: CartLine[] = rows.map((row) => {
    const lineNotices = noticesFor(row);
    notices.push(...lineNotices);
    const purchasable = !lineNotices.some((n) => n.kind !== 'price_changed');
    return {
      productId: row.productId,
      slug: row.slug,
      title: row.title,
      coverUrl: row.coverUrl,
      quantity: row.quantity,
      unitPriceCents: row.priceCents,
      seenPriceCents: row.seenPriceCents,
      lineTotalCents: row.priceCents * row.quantity,
      currency: row.currency,
      stock: Math.max(0, row.stock),
      purchasable,
    };
  });
  return { ...cartTotals(items), currency: items[0]!.currency, notices };
}

async function viewOf(
  db: DbOrTx,
  cartId: string | null,
  extra: CartNotice[] = [],
): Promise<CartView> {
  if (!cartId) return { ...EMPTY_CART, notices: extra };
  return toCartView(await lineRows(db, cartId), extra);
}

export async function getCart(owner: CartOwner): Promise<CartView> {
  const db = await getDb();
  return viewOf(db, await findCartId(db, owner));
}

async function sellableProduct(tx: DbOrTx, productId: string) {
  const [product] = await tx
    .select({
      id: products.id,
      title: products.title,
      priceCents: products.priceCents,
      stock: products.stock,
      archivedAt: products.archivedAt,
    })
    .from(products)
    .where(eq(products.id, productId))
    .limit(1);
  if (!product || product.archivedAt) throw new NotFoundError('That game is not in the catalog.');
  return product;
}

/** Sets a line to `wanted`, lowered to the stock and the per-line cap, with a notice when lowered. */
async function putLine(
  tx: Tx,
  cartId: string,
  productId: string,
  wanted: number,
): Promise<CartNotice[]> {
  const product = await sellableProduct(tx, productId);
  if (product.stock <= 0) throw new ConflictError(`${product.title} is out of stock.`);
  const cap = Math.min(product.stock, MAX_LINE_QUANTITY);
  const quantity = Math.min(wanted, cap);
  await tx
    .insert(cartItems)
    .values({ cartId, productId, quantity, seenPriceCents: product.priceCents })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId],
      // Looking at the cart and changing it counts as having seen the current price.
      set: { quantity, seenPriceCents: product.priceCents },
    });
  await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
  if (quantity >= wanted) return [];
  const why =
    quantity === product.stock
      ? `only ${product.stock} in stock`
      : `at most ${MAX_LINE_QUANTITY} per order`;
  return [
    {
      productId,
      kind: 'clamped',
      message: `${product.title}: quantity set to ${quantity} (${why}).`,
    },
  ];
}

export async function addItem(
  owner: CartOwner,
  productId: string,
  quantity: number,
): Promise<CartView> {
  const db = await getDb();
  return withCartMirror(owner, () =>
    db.transaction(async (tx) => {
      const cartId = await ensureCartId(tx, owner);
      const [existing] = await tx
        .select({ quantity: cartItems.quantity })
        .from(cartItems)
        .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
        .for('update');
      const notices = await putLine(tx, cartId, productId, (existing?.quantity ?? 0) + quantity);
      return viewOf(tx, cartId, notices);
    }),
  );
}

/** Changes a line already in the caller's cart; a product that is not there is a 404, whoever's cart holds it. */
export async function setItemQuantity(
  owner: CartOwner,
  productId: string,
  quantity: number,
): Promise<CartView> {
  if (quantity === 0) return removeItem(owner, productId);
  const db = await getDb();
  return withCartMirror(owner, () =>
    db.transaction(async (tx) => {
      const cartId = await findCartId(tx, owner);
      const [line] = cartId
        ? await tx
            .select({ quantity: cartItems.quantity })
            .from(cartItems)
            .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
            .for('update')
        : [];
      if (!cartId || !line) throw new NotFoundError('That item is not in your cart.');
      const notices = await putLine(tx, cartId, productId, quantity);
      return viewOf(tx, cartId, notices);
    }),
  );
}

export async function removeItem(owner: CartOwner, productId: string): Promise<CartView> {
  return withCartMirror(owner, async () => {
    const db = await getDb();
    const cartId = await findCartId(db, owner);
    const deleted = cartId
      ? await db
          .delete(cartItems)
          .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)))
          .returning({ productId: cartItems.productId })
      : [];
    if (!deleted.length) throw new NotFoundError('That item is not in your cart.');
    return viewOf(db, cartId);
  });
}

export async function clearCart(owner: CartOwner): Promise<CartView> {
  return withCartMirror(owner, async () => {
    const db = await getDb();
    const cartId = await findCartId(db, owner);
    if (cartId) await db.delete(cartItems).where(eq(cartItems.cartId, cartId));
    return EMPTY_CART;
  });
}

/**
 * Moves a guest's cart into the account at login or registration: quantities of the same game
 * add up (within stock and the per-line cap), and the guest cart is deleted. Safe to call twice.
 */
export async function mergeGuestCart(guestId: string, userId: string): Promise<CartView> {
  const db = await getDb();
  return withCartMirror({ userId }, () =>
    db.transaction(async (tx) => {
      const [guest] = await tx
        .select({ id: carts.id })
        .from(carts)
        .where(eq(carts.guestId, guestId))
        .for('update');
      const userCartId = await ensureCartId(tx, { userId });
      if (!guest) return viewOf(tx, userCartId);
      await tx.execute(sql`
      insert into ${cartItems} (cart_id, product_id, quantity, seen_price_cents, added_at)
      select ${userCartId}, g.product_id,
             greatest(1, least(g.quantity, ${MAX_LINE_QUANTITY}, greatest(p.stock, 1))),
             g.seen_price_cents, g.added_at
      from ${cartItems} g join ${products} p on p.id = g.product_id
      where g.cart_id = ${guest.id}
      on conflict (cart_id, product_id) do update
      set quantity = greatest(1, least(
            ${cartItems.quantity} + excluded.quantity,
            ${MAX_LINE_QUANTITY},
            greatest((select stock from ${products} where id = excluded.product_id), 1)))
    `);
      await tx.delete(carts).where(eq(carts.id, guest.id));
      await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, userCartId));
      return viewOf(tx, userCartId);
    }),
  );
}

/**
 * What a signed-in shopper's checkout would order, as cheaply as it can be known: the cart's copy
 * in Redis, or (no copy yet, or Redis down) the cart itself, copied for next time.
 */
export async function cartLinesForGate(userId: string): Promise<MirroredLine[]> {
  const mirrored = await mirroredCartLines(userId);
  if (mirrored) return mirrored;
  const { items } = await getCart({ userId });
  await mirrorCartLines(userId, items);
  return items.map((i) => ({ unit: i.productId, quantity: i.quantity, title: i.title }));
}
