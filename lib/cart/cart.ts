import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, transaction, type DbOrTx, type Tx } from '@/db/client';
import { cartItems, carts, editions, productImages, products } from '@/db/schema';
import { readerFor } from '@/lib/db/read-your-writes';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import { MAX_LINE_QUANTITY } from './schemas';
import {
  gatedLines,
  mirrorCartLines,
  mirroredCartLines,
  withCartMirror,
  type MirroredLine,
} from './mirror';
import {
  cartTotals,
  EMPTY_CART,
  type CartLine,
  type CartNotice,
  type CartOwner,
  type CartView,
} from './types';
import { coverColumn } from '@/lib/catalog/featured';

function ownerCondition(owner: CartOwner) {
  return 'userId' in owner ? eq(carts.userId, owner.userId) : eq(carts.guestId, owner.guestId);
}

async function findCartId(db: DbOrTx, owner: CartOwner): Promise<string | null> {
  const [row] = await db.select({ id: carts.id }).from(carts).where(ownerCondition(owner)).limit(1);
  return row?.id ?? null;
}

/**
 * The owner's cart row, locked: every cart write takes it before touching cart_items, as checkout
 * does before emptying the cart (level 2 of the lock order in db/locks.ts). Without it a write
 * holding a line while it waited for the cart row, and a checkout holding the cart row while it
 * deleted that line, deadlocked.
 */
async function lockCart(tx: Tx, owner: CartOwner): Promise<string | null> {
  const [row] = await tx
    .select({ id: carts.id })
    .from(carts)
    .where(ownerCondition(owner))
    .for('update');
  return row?.id ?? null;
}

/** The owner's cart, created if missing, locked as `lockCart` does. */
async function ensureLockedCart(tx: Tx, owner: CartOwner): Promise<string> {
  const id = await ensureCartId(tx, owner);
  await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, id)).for('update');
  return id;
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
  editionId: string;
  editionName: string;
  platform: string;
  delivery: 'key' | 'download' | 'physical';
  productId: string;
  slug: string;
  title: string;
  coverUrl: string | null;
  quantity: number;
  seenPriceCents: number;
  priceCents: number;
  currency: string;
  /** Null: the edition never runs out. */
  stock: number | null;
  archived: boolean;
};

async function lineRows(db: DbOrTx, cartId: string): Promise<LineRow[]> {
  return db
    .select({
      editionId: cartItems.editionId,
      editionName: editions.name,
      platform: editions.platform,
      delivery: editions.delivery,
      productId: products.id,
      slug: products.slug,
      title: products.title,
      coverUrl: coverColumn(productImages.url),
      quantity: cartItems.quantity,
      seenPriceCents: cartItems.seenPriceCents,
      priceCents: editions.priceCents,
      currency: editions.currency,
      stock: editions.stock,
      archived: sql<boolean>`${products.archivedAt} is not null or ${editions.archivedAt} is not null`,
    })
    .from(cartItems)
    .innerJoin(editions, eq(editions.id, cartItems.editionId))
    .innerJoin(products, eq(products.id, editions.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(products.title));
}

/** What the shopper must know about a line before paying: computed on every read, never stale. */
function noticesFor(row: LineRow): CartNotice[] {
  const notices: CartNotice[] = [];
  const { productId, editionId } = row;
  const title = `${row.title} (${row.editionName})`;
  if (row.archived) {
    notices.push({
      productId,
      editionId,
      kind: 'unavailable',
      message: `${title} is no longer sold. Remove it to check out.`,
    });
  } else if (row.stock !== null && row.stock <= 0) {
    notices.push({
      productId,
      editionId,
      kind: 'out_of_stock',
      message: `${title} went out of stock since you added it.`,
    });
  } else if (row.stock !== null && row.quantity > row.stock) {
    notices.push({
      productId,
      editionId,
      kind: 'exceeds_stock',
      message: `Only ${row.stock} of ${title} left: lower the quantity to check out.`,
    });
  }
  if (row.seenPriceCents !== row.priceCents) {
    notices.push({
      productId,
      editionId,
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
      editionId: row.editionId,
      editionName: row.editionName,
      platform: row.platform,
      delivery: row.delivery,
      productId: row.productId,
      slug: row.slug,
      title: row.title,
      coverUrl: row.coverUrl,
      quantity: row.quantity,
      unitPriceCents: row.priceCents,
      seenPriceCents: row.seenPriceCents,
      lineTotalCents: row.priceCents * row.quantity,
      currency: row.currency,
      stock: row.stock === null ? null : Math.max(0, row.stock),
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

/** The owner's cart, as of their own last change (lib/db/read-your-writes). */
export async function getCart(owner: CartOwner): Promise<CartView> {
  const db = await readerFor(owner);
  return viewOf(db, await findCartId(db, owner));
}

async function sellableEdition(tx: DbOrTx, editionId: string) {
  const [edition] = await tx
    .select({
      id: editions.id,
      productId: editions.productId,
      title: sql<string>`${products.title} || ' (' || ${editions.name} || ')'`,
      priceCents: editions.priceCents,
      stock: editions.stock,
      archived: sql<boolean>`${products.archivedAt} is not null or ${editions.archivedAt} is not null`,
    })
    .from(editions)
    .innerJoin(products, eq(products.id, editions.productId))
    .where(eq(editions.id, editionId))
    .limit(1);
  if (!edition || edition.archived) throw new NotFoundError('That edition is not in the catalog.');
  return edition;
}

/**
 * The edition a request means: the one named, or, for a client that names only the game, its
 * first edition on sale that can be bought now (else its first edition on sale).
 */
export async function resolveEdition(ref: {
  editionId?: string;
  productId?: string;
}): Promise<string> {
  if (ref.editionId) return ref.editionId;
  const db = await getDb();
  const [row] = await db
    .select({ id: editions.id })
    .from(editions)
    .where(and(eq(editions.productId, ref.productId ?? ''), isNull(editions.archivedAt)))
    .orderBy(
      sql`(${editions.stock} is null or ${editions.stock} > 0) desc`,
      asc(editions.position),
      asc(editions.name),
    )
    .limit(1);
  if (!row) throw new NotFoundError('That game is not in the catalog.');
  return row.id;
}

/** Sets a line to `wanted`, lowered to the stock and the per-line cap, with a notice when lowered. */
async function putLine(
  tx: Tx,
  cartId: string,
  editionId: string,
  wanted: number,
): Promise<CartNotice[]> {
  const product = await sellableEdition(tx, editionId);
  if (product.stock !== null && product.stock <= 0)
    throw new ConflictError(`${product.title} is out of stock.`);
  const cap = Math.min(product.stock ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY);
  const quantity = Math.min(wanted, cap);
  await tx
    .insert(cartItems)
    .values({ cartId, editionId, quantity, seenPriceCents: product.priceCents })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.editionId],
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
      productId: product.productId,
      editionId,
      kind: 'clamped',
      message: `${product.title}: quantity set to ${quantity} (${why}).`,
    },
  ];
}

export async function addItem(
  owner: CartOwner,
  editionId: string,
  quantity: number,
): Promise<CartView> {
  return withCartMirror(owner, () =>
    transaction(async (tx) => {
      const cartId = await ensureLockedCart(tx, owner);
      const [existing] = await tx
        .select({ quantity: cartItems.quantity })
        .from(cartItems)
        .where(and(eq(cartItems.cartId, cartId), eq(cartItems.editionId, editionId)));
      const notices = await putLine(tx, cartId, editionId, (existing?.quantity ?? 0) + quantity);
      return viewOf(tx, cartId, notices);
    }),
  );
}

/** Changes a line already in the caller's cart; an edition that is not there is a 404, whoever's cart holds it. */
export async function setItemQuantity(
  owner: CartOwner,
  editionId: string,
  quantity: number,
): Promise<CartView> {
  if (quantity === 0) return removeItem(owner, editionId);
  return withCartMirror(owner, () =>
    transaction(async (tx) => {
      const cartId = await lockCart(tx, owner);
      const [line] = cartId
        ? await tx
            .select({ quantity: cartItems.quantity })
            .from(cartItems)
            .where(and(eq(cartItems.cartId, cartId), eq(cartItems.editionId, editionId)))
        : [];
      if (!cartId || !line) throw new NotFoundError('That item is not in your cart.');
      const notices = await putLine(tx, cartId, editionId, quantity);
      return viewOf(tx, cartId, notices);
    }),
  );
}

export async function removeItem(owner: CartOwner, editionId: string): Promise<CartView> {
  return withCartMirror(owner, () =>
    transaction(async (tx) => {
      const cartId = await lockCart(tx, owner);
      const deleted = cartId
        ? await tx
            .delete(cartItems)
            .where(and(eq(cartItems.cartId, cartId), eq(cartItems.editionId, editionId)))
            .returning({ editionId: cartItems.editionId })
        : [];
      if (!deleted.length) throw new NotFoundError('That item is not in your cart.');
      return viewOf(tx, cartId);
    }),
  );
}

export async function clearCart(owner: CartOwner): Promise<CartView> {
  return withCartMirror(owner, () =>
    transaction(async (tx) => {
      const cartId = await lockCart(tx, owner);
      if (cartId) await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
      return EMPTY_CART;
    }),
  );
}

/**
 * Moves a guest's cart into the account at login or registration: quantities of the same game
 * add up (within stock and the per-line cap), and the guest cart is deleted. Safe to call twice.
 */
export async function mergeGuestCart(guestId: string, userId: string): Promise<CartView> {
  return withCartMirror({ userId }, () =>
    transaction(async (tx) => {
      // The guest's cart, then the account's: level 2 of the lock order in db/locks.ts.
      const guest = await lockCart(tx, { guestId });
      const userCartId = await ensureLockedCart(tx, { userId });
      if (!guest) return viewOf(tx, userCartId);
      await tx.execute(sql`
      insert into ${cartItems} (cart_id, edition_id, quantity, seen_price_cents, added_at)
      select ${userCartId}, g.edition_id,
             greatest(1, least(g.quantity, ${MAX_LINE_QUANTITY}, greatest(coalesce(e.stock, ${MAX_LINE_QUANTITY}), 1))),
             g.seen_price_cents, g.added_at
      from ${cartItems} g join ${editions} e on e.id = g.edition_id
      where g.cart_id = ${guest}
      on conflict (cart_id, edition_id) do update
      set quantity = greatest(1, least(
            ${cartItems.quantity} + excluded.quantity,
            ${MAX_LINE_QUANTITY},
            greatest((select coalesce(stock, ${MAX_LINE_QUANTITY}) from ${editions} where id = excluded.edition_id), 1)))
    `);
      await tx.delete(carts).where(eq(carts.id, guest));
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
  return gatedLines(items);
}
