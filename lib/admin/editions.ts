import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { transaction, type Tx, type Db } from '@/db/client';
import { adminDb } from './db';
import { editions, licenseKeys, products, stockAdjustments } from '@/db/schema';
import { CATALOG_TAGS, invalidateCatalogTags } from '@/lib/cache';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { stockMoved } from '@/lib/stock';
import type { AdminActor } from './actor';
import { recordAudit } from './audit';
import { isUniqueViolation } from './db-errors';
import type { EditionCreate, EditionUpdate } from './product-schemas';
import { isUuid } from '@/db/ids';

const notFound = () => new NotFoundError('We could not find that edition.');

export type AdminEdition = {
  id: string;
  sku: string;
  name: string;
  platform: string;
  delivery: 'key' | 'download' | 'physical';
  priceCents: number;
  currency: string;
  stock: number | null;
  position: number;
  archivedAt: string | null;
  /** Key editions: keys in the vault by state. */
  keys: { available: number; assigned: number; revealed: number; revoked: number } | null;
};

export async function listEditionsOf(db: Tx | Db, productId: string): Promise<AdminEdition[]> {
  const rows = await db
    .select({
      edition: editions,
      available:
        sql<number>`count(${licenseKeys.id}) filter (where ${licenseKeys.status} = 'available')`.mapWith(
          Number,
        ),
      assigned:
        sql<number>`count(${licenseKeys.id}) filter (where ${licenseKeys.status} = 'assigned')`.mapWith(
          Number,
        ),
      revealed:
        sql<number>`count(${licenseKeys.id}) filter (where ${licenseKeys.status} = 'revealed')`.mapWith(
          Number,
        ),
      revoked:
        sql<number>`count(${licenseKeys.id}) filter (where ${licenseKeys.status} = 'revoked')`.mapWith(
          Number,
        ),
    })
    .from(editions)
    .leftJoin(licenseKeys, eq(licenseKeys.editionId, editions.id))
    .where(eq(editions.productId, productId))
    .groupBy(editions.id)
    .orderBy(asc(editions.position), asc(editions.name));
  return rows.map(({ edition: e, ...keys }) => ({
    id: e.id,
    sku: e.sku,
    name: e.name,
    platform: e.platform,
    delivery: e.delivery,
    priceCents: e.priceCents,
    currency: e.currency,
    stock: e.stock,
    position: e.position,
    archivedAt: e.archivedAt?.toISOString() ?? null,
    keys: e.delivery === 'key' ? keys : null,
  }));
}

/** A game's listed price is its cheapest edition on sale: kept so by every edition write. */
export async function syncListedPrice(tx: Tx, productId: string): Promise<void> {
  await tx.execute(sql`
    update products set price_cents = coalesce((
      select min(price_cents) from editions where product_id = ${productId} and archived_at is null
    ), price_cents), updated_at = now()
    where id = ${productId}
  `);
}

/** The game's row, locked before its editions (level 4 of the lock order in db/locks.ts). */
async function productOf(tx: Tx, productId: string) {
  const [row] = await tx
    .select({ id: products.id, slug: products.slug, currency: products.currency })
    .from(products)
    .where(eq(products.id, productId))
    .for('no key update');
  if (!row) throw new NotFoundError('We could not find that product.');
  return row;
}

function skuTaken(err: unknown): never {
  if (isUniqueViolation(err))
    throw new ConflictError('Another edition already uses this SKU.', {
      sku: ['Another edition already uses this SKU.'],
    });
  throw err;
}

/** Inserts an edition of a locked product (its opening units recorded as an adjustment). */
export async function insertEdition(
  tx: Tx,
  actor: AdminActor,
  product: { id: string; slug: string; currency: string },
  input: EditionCreate,
): Promise<string> {
  if (input.delivery === 'key' && input.stock !== 0) {
    throw new ValidationError('A key edition starts with no stock: import its keys.', {
      stock: ['Import keys instead.'],
    });
  }
  if (input.delivery === 'physical' && input.stock === null) {
    throw new ValidationError('A boxed edition counts its units.', {
      stock: ['Enter the units in stock.'],
    });
  }
  const sku =
    input.sku ??
    `${product.slug.toUpperCase()}-${input.platform.toUpperCase().replace(/[^A-Z0-9]+/g, '')}-${input.delivery.toUpperCase()}`;
  const [row] = await tx
    .insert(editions)
    .values({ ...input, sku: sku.slice(0, 80), productId: product.id, currency: product.currency })
    .returning();
  if (row!.stock) {
    await tx.insert(stockAdjustments).values({
      productId: product.id,
      editionId: row!.id,
      delta: row!.stock,
      reason: 'Opening stock',
      actorId: actor.id,
    });
  }
  await recordAudit(tx, actor, {
    action: 'edition.create',
    entity: 'edition',
    entityId: row!.id,
    after: { ...input, sku },
  });
  await syncListedPrice(tx, product.id);
  return row!.id;
}

export async function createEdition(
  actor: AdminActor,
  productId: string,
  input: EditionCreate,
): Promise<AdminEdition[]> {
  if (!isUuid(productId)) throw new NotFoundError('We could not find that product.');
  const db = await adminDb();
  const slug = await db
    .transaction(async (tx) => {
      const product = await productOf(tx, productId);
      await insertEdition(tx, actor, product, input);
      return product.slug;
    })
    .catch(skuTaken);
  await invalidateCatalogTags([CATALOG_TAGS.product(slug), CATALOG_TAGS.listings]);
  return listEditionsOf(db, productId);
}

export async function updateEdition(
  actor: AdminActor,
  editionId: string,
  patch: EditionUpdate,
): Promise<AdminEdition[]> {
  if (!isUuid(editionId)) throw notFound();
  const db = await adminDb();
  const result = await transaction(async (tx) => {
    // The game before the edition (db/locks.ts): read which game without a lock, then lock both.
    const [owner] = await tx
      .select({ productId: editions.productId })
      .from(editions)
      .where(eq(editions.id, editionId));
    if (!owner) throw notFound();
    const product = await productOf(tx, owner.productId);
    const [before] = await tx
      .select()
      .from(editions)
      .where(eq(editions.id, editionId))
      .for('no key update');
    if (!before) throw notFound();
    const { downloadCap, archived, ...fields } = patch;
    const set: Partial<typeof editions.$inferInsert> = { ...fields, updatedAt: new Date() };
    if (downloadCap !== undefined) {
      if (before.delivery !== 'download') {
        throw new ValidationError(
          'Only a download has a cap; adjust stock for boxes, import keys for key editions.',
          {
            downloadCap: ['Only for downloads.'],
          },
        );
      }
      set.stock = downloadCap;
    }
    if (archived !== undefined)
      set.archivedAt = archived ? (before.archivedAt ?? new Date()) : null;
    const [after] = await tx
      .update(editions)
      .set(set)
      .where(eq(editions.id, editionId))
      .returning();
    await recordAudit(tx, actor, {
      action: 'edition.update',
      entity: 'edition',
      entityId: editionId,
      before: {
        name: before.name,
        platform: before.platform,
        priceCents: before.priceCents,
        stock: before.stock,
        archivedAt: before.archivedAt,
      },
      after: {
        name: after!.name,
        platform: after!.platform,
        priceCents: after!.priceCents,
        stock: after!.stock,
        archivedAt: after!.archivedAt,
      },
    });
    await syncListedPrice(tx, product.id);
    return { slug: product.slug, productId: product.id, stockChanged: downloadCap !== undefined };
  });
  await invalidateCatalogTags([
    CATALOG_TAGS.product(result.slug),
    CATALOG_TAGS.listings,
    CATALOG_TAGS.inStock,
  ]);
  if (result.stockChanged)
    await stockMoved('adjusted', [{ unit: editionId, delta: 0, stockAfter: 0 }]);
  return listEditionsOf(db, result.productId);
}

/**
 * The edition an adjustment of a game's stock means: the one named, or the game's only edition
 * with units to count. Keys are not adjusted: they are imported (and their count follows).
 */
export async function adjustableEdition(tx: Tx, productId: string, editionId?: string) {
  const rows = await tx
    .select({
      id: editions.id,
      stock: editions.stock,
      delivery: editions.delivery,
      name: editions.name,
      archivedAt: editions.archivedAt,
    })
    .from(editions)
    .where(
      editionId
        ? and(eq(editions.productId, productId), eq(editions.id, editionId))
        : eq(editions.productId, productId),
    )
    // Several editions of the game: in id order (db/locks.ts level 5).
    .orderBy(asc(editions.id))
    .for('no key update');
  if (editionId && !rows.length) throw notFound();
  const counted = rows.filter((e) => !e.archivedAt && e.stock !== null && e.delivery !== 'key');
  const edition = editionId ? rows[0]! : counted.length === 1 ? counted[0]! : null;
  if (!edition && counted.length > 1) {
    throw new ValidationError(
      'This game has several editions: choose the one whose stock changes.',
      { editionId: ['Choose an edition.'] },
    );
  }
  // Nothing here counts units by hand: say why, for the edition named or the game's editions.
  const reason = edition ?? rows.find((e) => !e.archivedAt) ?? rows[0];
  if (!reason) throw new NotFoundError('This game has no edition: add one first.');
  if (reason.delivery === 'key') {
    throw new ConflictError('A key edition’s stock is its keys: import keys to add stock.', {
      editionId: ['Import keys instead.'],
    });
  }
  if (reason.stock === null) {
    throw new ConflictError('This download is unlimited: set a cap on the edition first.', {
      editionId: ['Unlimited download.'],
    });
  }
  return { ...reason, stock: reason.stock };
}
