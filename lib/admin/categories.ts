import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Tx } from '@/db/client';
import { adminDb } from './db';
import { categories, products } from '@/db/schema';
import { invalidateCatalog } from '@/lib/cache';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import type { AdminActor } from './actor';
import { recordAudit } from './audit';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors';
import { slugSchema } from './product-schemas';
import { slugify } from './products';
import { isUuid } from '@/db/ids';

export const categoryCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'Enter a name.').max(80, 'Keep the name under 80 characters.'),
  slug: slugSchema.optional(),
  description: z.string().trim().max(500, 'Keep the description under 500 characters.').default(''),
});
export const categoryUpdateSchema = z
  .strictObject({
    name: categoryCreateSchema.shape.name,
    slug: slugSchema,
    description: z.string().trim().max(500, 'Keep the description under 500 characters.'),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Change at least one field.');
export const categoryReorderSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1, 'Send every category id in the new order.').max(500),
});
export type CategoryCreate = z.output<typeof categoryCreateSchema>;
export type CategoryUpdate = z.output<typeof categoryUpdateSchema>;

export type AdminCategory = {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  productCount: number;
};

type CategoryRow = typeof categories.$inferSelect;

const notFound = () => new NotFoundError('We could not find that category.');

function slugTaken(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw new ConflictError('Another category already uses this slug.', {
      slug: ['Another category already uses this slug.'],
    });
  }
  throw err;
}

function view(row: CategoryRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    position: row.position,
  };
}

async function lockCategory(tx: Tx, id: string): Promise<CategoryRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.select().from(categories).where(eq(categories.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}

/** Every category in shelf order, with how many games (archived ones too) file under it. */
export async function listAdminCategories(): Promise<AdminCategory[]> {
  const db = await adminDb();
  const rows = await db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      position: categories.position,
      // Spelled out: drizzle leaves columns unqualified in single-table selects, which would bind to the subquery's table.
      productCount: sql<number>`(select count(*)::int from products p where p.category_id = "categories"."id")`,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
  return rows.map((r) => ({ ...r, productCount: Number(r.productCount) }));
}

export async function createCategory(
  actor: AdminActor,
  input: CategoryCreate,
): Promise<AdminCategory> {
  const db = await adminDb();
  const row = await db
    .transaction(async (tx) => {
      const [last] = await tx
        .select({ position: sql<number>`coalesce(max(${categories.position}) + 1, 0)::int` })
        .from(categories);
      const [created] = await tx
        .insert(categories)
        .values({
          ...input,
          slug: input.slug ?? slugify(input.name),
          position: last?.position ?? 0,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: 'category.create',
        entity: 'category',
        entityId: created!.id,
        after: view(created!),
      });
      return created!;
    })
    .catch(slugTaken);
  await invalidateCatalog();
  return { ...view(row), productCount: 0 };
}

export async function updateCategory(
  actor: AdminActor,
  id: string,
  patch: CategoryUpdate,
): Promise<AdminCategory> {
  const db = await adminDb();
  await db
    .transaction(async (tx) => {
      const before = await lockCategory(tx, id);
      const [after] = await tx
        .update(categories)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(categories.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: 'category.update',
        entity: 'category',
        entityId: id,
        before: view(before),
        after: view(after!),
      });
    })
    .catch(slugTaken);
  await invalidateCatalog();
  const found = (await listAdminCategories()).find((c) => c.id === id);
  if (!found) throw notFound();
  return found;
}

/** Sets the shelf order; the request must name every category exactly once. */
export async function reorderCategories(
  actor: AdminActor,
  ids: string[],
): Promise<AdminCategory[]> {
  const db = await adminDb();
  await db.transaction(async (tx) => {
    const current = await tx
      .select()
      .from(categories)
      .orderBy(asc(categories.position))
      .for('update');
    const known = new Set(current.map((c) => c.id));
    if (
      new Set(ids).size !== ids.length ||
      ids.length !== known.size ||
      ids.some((id) => !known.has(id))
    ) {
      throw new ValidationError('Send every category exactly once.', {
        ids: ['Send every category exactly once.'],
      });
    }
    for (const [position, id] of ids.entries()) {
      await tx
        .update(categories)
        .set({ position, updatedAt: new Date() })
        .where(eq(categories.id, id));
    }
    await recordAudit(tx, actor, {
      action: 'category.reorder',
      entity: 'category',
      entityId: null,
      before: { ids: current.map((c) => c.id) },
      after: { ids },
    });
  });
  await invalidateCatalog();
  return listAdminCategories();
}

/** Moves one category a step up or down the shelf (the form's arrows). */
export async function moveCategory(
  actor: AdminActor,
  id: string,
  direction: 'up' | 'down',
): Promise<AdminCategory[]> {
  const ids = (await listAdminCategories()).map((c) => c.id);
  const at = ids.indexOf(id);
  if (at === -1) throw notFound();
  const to = direction === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= ids.length) return listAdminCategories();
  [ids[at], ids[to]] = [ids[to]!, ids[at]!];
  return reorderCategories(actor, ids);
}

/** Refused while any game, archived or not, files under the category: products keep their shelf. */
export async function deleteCategory(actor: AdminActor, id: string): Promise<void> {
  const db = await adminDb();
  await db
    .transaction(async (tx) => {
      const before = await lockCategory(tx, id);
      const [used] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(products)
        .where(eq(products.categoryId, id));
      const count = Number(used?.n ?? 0);
      if (count > 0) {
        throw new ConflictError(
          `${count} ${count === 1 ? 'game uses' : 'games use'} this category. Move them first.`,
        );
      }
      await tx.delete(categories).where(eq(categories.id, id));
      await recordAudit(tx, actor, {
        action: 'category.delete',
        entity: 'category',
        entityId: id,
        before: view(before),
      });
    })
    .catch((err: unknown) => {
      if (isForeignKeyViolation(err))
        throw new ConflictError('Games use this category. Move them first.');
      throw err;
    });
  await invalidateCatalog();
}
