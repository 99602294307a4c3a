import 'server-only';
import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { transaction, type Tx } from '@/db/client';
import { adminDb } from './db';
import { lockEditionsOfProduct } from '@/db/locks';
import { categories, editions, productImages, products, stockAdjustments } from '@/db/schema';
import { CATALOG_TAGS, invalidateCatalogTags } from '@/lib/cache';
import { stockMoved } from '@/lib/stock';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { LOW_STOCK_THRESHOLD } from '@/lib/orders/pricing';
import type { AdminActor } from './actor';
import { escapeLike, recordAudit } from './audit';
import { isUniqueViolation } from './db-errors';
import { adjustableEdition, insertEdition, listEditionsOf, type AdminEdition } from './editions';
import { pageOf, type Paged } from './paging';
import type {
  ProductCreate,
  ProductListQuery,
  ProductUpdate,
  StockAdjustmentInput,
} from './product-schemas';
import { isUuid } from '@/db/ids';

type ProductRow = typeof products.$inferSelect;

export type AdminProductImage = {
  id: string;
  url: string;
  alt: string;
  position: number;
  width: number;
  height: number;
};

/** A game as the admin area shows it: on sale or archived, with its category and images. */
export type AdminProduct = Omit<ProductRow, 'search' | 'createdAt' | 'updatedAt' | 'archivedAt'> & {
  categoryName: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  images: AdminProductImage[];
  /** Units across editions that count them (an unlimited download adds none). */
  stock: number;
  editions: AdminEdition[];
};

/** Units on the shelf of the outer product, across its editions on sale. */
const stockSum = sql<number>`(
  select coalesce(sum(e.stock), 0)::int from editions e
  where e.product_id = "products"."id" and e.archived_at is null
)`.mapWith(Number);

export type AdminProductRow = {
  id: string;
  slug: string;
  title: string;
  priceCents: number;
  currency: string;
  stock: number;
  categoryName: string;
  archivedAt: string | null;
  updatedAt: string;
  coverUrl: string | null;
};

const notFound = () => new NotFoundError('We could not find that product.');

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'game';
}

/** What the audit log keeps of a product: its editable fields, not the search vector. */
function snapshot(row: ProductRow) {
  const { search: _search, createdAt: _created, ...rest } = row;
  return rest;
}

/** Only the fields an edit changed, before and after, so the log reads as a diff. */
function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[],
) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/**
 * Fields shown only on the game's own page: an edit of these alone retires that page and entry,
 * not the listings. Everything else shows in listings, shelves or search (the description is
 * searched), so it retires them too.
 */
const PAGE_ONLY_FIELDS = new Set(['specs']);

/** The cache tags an edit of `fields` on a game with these slugs retires. */
function tagsForEdit(slugs: readonly string[], fields: readonly string[]): string[] {
  const tags = [...new Set(slugs)].map(CATALOG_TAGS.product);
  if (fields.some((f) => !PAGE_ONLY_FIELDS.has(f))) tags.push(CATALOG_TAGS.listings);
  if (fields.includes('categoryId') || fields.includes('archivedAt'))
    tags.push(CATALOG_TAGS.categories);
  return tags;
}

/**
 * The game's row, before its editions (level 4 of the lock order in db/locks.ts). NO KEY UPDATE:
 * a checkout inserting order lines that reference the game must not queue behind an admin edit.
 */
export async function lockProduct(tx: Tx, id: string): Promise<ProductRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.select().from(products).where(eq(products.id, id)).for('no key update');
  if (!row) throw notFound();
  return row;
}

async function assertCategory(tx: Tx, categoryId: string): Promise<void> {
  // A share lock keeps the category from being removed until this product commits.
  const [row] = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.id, categoryId))
    .for('share');
  if (!row)
    throw new ValidationError('Some fields are invalid.', {
      categoryId: ['Choose an existing category.'],
    });
}

function slugTaken(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw new ConflictError('Another game already uses this slug.', {
      slug: ['Another game already uses this slug.'],
    });
  }
  throw err;
}

export async function getAdminProduct(id: string): Promise<AdminProduct> {
  if (!isUuid(id)) throw notFound();
  const db = await adminDb();
  const [row] = await db
    .select({ product: products, categoryName: categories.name })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, id));
  if (!row) throw notFound();
  const images = await db
    .select({
      id: productImages.id,
      url: productImages.url,
      alt: productImages.alt,
      position: productImages.position,
      width: productImages.width,
      height: productImages.height,
    })
    .from(productImages)
    .where(eq(productImages.productId, id))
    .orderBy(asc(productImages.position), asc(productImages.createdAt));
  const editionList = await listEditionsOf(db, id);
  const { search: _search, ...product } = row.product;
  return {
    ...product,
    stock: editionList.filter((e) => !e.archivedAt).reduce((n, e) => n + (e.stock ?? 0), 0),
    editions: editionList,
    categoryName: row.categoryName,
    archivedAt: product.archivedAt?.toISOString() ?? null,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    images,
  };
}

export async function listAdminProducts(query: ProductListQuery): Promise<Paged<AdminProductRow>> {
  const db = await adminDb();
  const where: SQL[] = [];
  if (query.status === 'active') where.push(isNull(products.archivedAt));
  if (query.status === 'archived') where.push(isNotNull(products.archivedAt));
  if (query.category) where.push(eq(products.categoryId, query.category));
  if (query.stock === 'out') where.push(sql`${stockSum} = 0`);
  if (query.stock === 'low') where.push(sql`${stockSum} between 1 and ${LOW_STOCK_THRESHOLD}`);
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    where.push(
      or(ilike(products.title, like), ilike(products.slug, like), ilike(products.developer, like))!,
    );
  }
  const order = {
    updated: [desc(products.updatedAt), asc(products.id)],
    title: [asc(products.title), asc(products.id)],
    price: [asc(products.priceCents), asc(products.id)],
    stock: [asc(stockSum), asc(products.id)],
  }[query.sort];
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: products.id,
        slug: products.slug,
        title: products.title,
        priceCents: products.priceCents,
        currency: products.currency,
        stock: stockSum,
        categoryName: categories.name,
        archivedAt: products.archivedAt,
        updatedAt: products.updatedAt,
        coverUrl: sql<
          string | null
        >`(select pi.url from product_images pi where pi.product_id = "products"."id" order by pi.position, pi.created_at limit 1)`,
      })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(condition)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .where(condition),
  ]);
  return pageOf(
    rows.map((r) => ({
      ...r,
      archivedAt: r.archivedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
    Number(total?.n ?? 0),
    query,
  );
}

export async function createProduct(
  actor: AdminActor,
  input: ProductCreate,
): Promise<AdminProduct> {
  const db = await adminDb();
  const id = await db
    .transaction(async (tx) => {
      await assertCategory(tx, input.categoryId);
      const { stock, edition, ...fields } = input;
      const [row] = await tx
        .insert(products)
        .values({ ...fields, slug: input.slug ?? slugify(input.title) })
        .returning();
      await insertEdition(tx, actor, row!, {
        name:
          edition.name ??
          (edition.delivery === 'physical' ? 'Standard edition (boxed)' : 'Standard edition'),
        platform: edition.platform ?? input.platforms[0] ?? 'PC',
        delivery: edition.delivery,
        priceCents: input.priceCents,
        stock,
        position: 0,
      });
      await recordAudit(tx, actor, {
        action: 'product.create',
        entity: 'product',
        entityId: row!.id,
        after: snapshot(row!),
      });
      return row!.id;
    })
    .catch(slugTaken);
  const created = await getAdminProduct(id);
  // A new game joins listings and its category; its slug may have been remembered as missing.
  await invalidateCatalogTags(tagsForEdit([created.slug], ['categoryId']));
  return created;
}

export async function updateProduct(
  actor: AdminActor,
  id: string,
  patch: ProductUpdate,
): Promise<AdminProduct> {
  const db = await adminDb();
  const edit = await db
    .transaction(async (tx) => {
      const before = await lockProduct(tx, id);
      if (patch.categoryId && patch.categoryId !== before.categoryId)
        await assertCategory(tx, patch.categoryId);
      const [after] = await tx
        .update(products)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(products.id, id))
        .returning();
      if (patch.priceCents !== undefined && patch.priceCents !== before.priceCents) {
        // The game's standard editions (those at its listed price) follow; dearer ones keep theirs.
        // Locked in id order first: a set-based update takes its rows in no defined order.
        await lockEditionsOfProduct(tx, id);
        await tx
          .update(editions)
          .set({ priceCents: patch.priceCents, updatedAt: new Date() })
          .where(and(eq(editions.productId, id), eq(editions.priceCents, before.priceCents)));
      }
      const change = diff(snapshot(before), snapshot(after!), Object.keys(patch));
      await recordAudit(tx, actor, {
        action: 'product.update',
        entity: 'product',
        entityId: id,
        ...change,
      });
      return { slugs: [before.slug, after!.slug], fields: Object.keys(change.after) };
    })
    .catch(slugTaken);
  if (edit.fields.length) await invalidateCatalogTags(tagsForEdit(edit.slugs, edit.fields));
  return getAdminProduct(id);
}

/** Archiving takes a game off sale without deleting it: orders that sold it keep their history. */
export async function archiveProduct(actor: AdminActor, id: string): Promise<AdminProduct> {
  return setArchived(actor, id, true);
}

export async function restoreProduct(actor: AdminActor, id: string): Promise<AdminProduct> {
  return setArchived(actor, id, false);
}

async function setArchived(actor: AdminActor, id: string, archive: boolean): Promise<AdminProduct> {
  const db = await adminDb();
  const slug = await db.transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    if (archive === (before.archivedAt !== null)) {
      throw new ConflictError(
        archive ? 'This game is already archived.' : 'This game is not archived.',
      );
    }
    const archivedAt = archive ? new Date() : null;
    await tx.update(products).set({ archivedAt, updatedAt: new Date() }).where(eq(products.id, id));
    await recordAudit(tx, actor, {
      action: archive ? 'product.archive' : 'product.restore',
      entity: 'product',
      entityId: id,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt },
    });
    return before.slug;
  });
  await invalidateCatalogTags(tagsForEdit([slug], ['archivedAt']));
  return getAdminProduct(id);
}

/** Adds or removes units with a reason; stock never goes below zero, even against a concurrent sale. */
export async function adjustStock(
  actor: AdminActor,
  id: string,
  input: StockAdjustmentInput,
): Promise<AdminProduct> {
  const move = await transaction(async (tx) => {
    await lockProduct(tx, id);
    const edition = await adjustableEdition(tx, id, input.editionId);
    const [after] = await tx
      .update(editions)
      .set({ stock: sql`${editions.stock} + ${input.delta}`, updatedAt: new Date() })
      .where(and(eq(editions.id, edition.id), sql`${editions.stock} + ${input.delta} >= 0`))
      .returning({ stock: editions.stock });
    if (!after) {
      throw new ConflictError(`Only ${edition.stock} in stock: cannot remove ${-input.delta}.`, {
        delta: [`Only ${edition.stock} in stock.`],
      });
    }
    await tx.insert(stockAdjustments).values({
      productId: id,
      editionId: edition.id,
      delta: input.delta,
      reason: input.reason,
      actorId: actor.id,
    });
    await recordAudit(tx, actor, {
      action: 'product.stock_adjust',
      entity: 'product',
      entityId: id,
      before: { edition: edition.name, stock: edition.stock },
      after: {
        edition: edition.name,
        stock: after.stock,
        delta: input.delta,
        reason: input.reason,
      },
    });
    return { unit: edition.id, delta: input.delta, stockAfter: after.stock ?? 0 };
  });
  // Stock is not cached: the counter is rebuilt, and only in-stock listings may change members.
  await stockMoved('adjusted', [move]);
  return getAdminProduct(id);
}

export type StockAdjustmentView = {
  id: number;
  editionName: string | null;
  delta: number;
  reason: string;
  actorId: string | null;
  createdAt: string;
};

export async function listStockAdjustments(
  productId: string,
  limit = 20,
): Promise<StockAdjustmentView[]> {
  if (!isUuid(productId)) throw notFound();
  const db = await adminDb();
  const rows = await db
    .select({
      id: stockAdjustments.id,
      editionName: editions.name,
      delta: stockAdjustments.delta,
      reason: stockAdjustments.reason,
      actorId: stockAdjustments.actorId,
      createdAt: stockAdjustments.createdAt,
    })
    .from(stockAdjustments)
    .leftJoin(editions, eq(editions.id, stockAdjustments.editionId))
    .where(eq(stockAdjustments.productId, productId))
    .orderBy(desc(stockAdjustments.createdAt), desc(stockAdjustments.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    editionName: r.editionName,
    delta: r.delta,
    reason: r.reason,
    actorId: r.actorId,
    createdAt: r.createdAt.toISOString(),
  }));
}
