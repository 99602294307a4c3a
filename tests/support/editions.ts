import { randomBytes } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, editions, products } from '@/db/schema';

type Delivery = 'key' | 'download' | 'physical';

/**
 * Gives a test game an edition. Tests that do not care how a game is delivered get a boxed one:
 * its stock is a plain count (a key edition's stock must match keys in the vault).
 */
export async function addEdition(
  productId: string,
  opts: {
    stock: number | null;
    priceCents?: number;
    delivery?: Delivery;
    name?: string;
    platform?: string;
    position?: number;
  },
) {
  const db = await getDb();
  const [product] = await db
    .select({ slug: products.slug, priceCents: products.priceCents, currency: products.currency })
    .from(products)
    .where(eq(products.id, productId));
  const delivery = opts.delivery ?? 'physical';
  const [row] = await db
    .insert(editions)
    .values({
      productId,
      sku: `${product!.slug}-${delivery}-${Math.random().toString(36).slice(2, 8)}`.toUpperCase(),
      name:
        opts.name ??
        (delivery === 'physical' ? 'Standard' : delivery === 'key' ? 'PC key' : 'Download'),
      platform: opts.platform ?? 'PC',
      delivery,
      priceCents: opts.priceCents ?? product!.priceCents,
      currency: product!.currency,
      stock: opts.stock,
      position: opts.position ?? 0,
    })
    .returning();
  return row!;
}

/** The game's first edition (by picker order): the one a test that names only the game means. */
export async function editionOf(productId: string): Promise<typeof editions.$inferSelect> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(editions)
    .where(eq(editions.productId, productId))
    .orderBy(asc(editions.position), asc(editions.createdAt))
    .limit(1);
  if (!row) throw new Error(`game ${productId} has no edition`);
  return row;
}

/** Units left across a game's editions, as PostgreSQL has them. */
export async function productStock(productId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${editions.stock}), 0)::int` })
    .from(editions)
    .where(and(eq(editions.productId, productId)));
  return Number(row?.n ?? 0);
}

/** Sets the stock of a game's first edition straight in the database. */
export async function setProductStock(productId: string, stock: number): Promise<string> {
  const db = await getDb();
  const edition = await editionOf(productId);
  await db.update(editions).set({ stock }).where(eq(editions.id, edition.id));
  return edition.id;
}

/** The edition columns an order line snapshots, for tests that write orders by hand. */
export async function orderLineOf(productId: string) {
  const e = await editionOf(productId);
  return { editionId: e.id, editionName: e.name, platform: e.platform, delivery: e.delivery };
}

/** All of a game's edition ids (the stock units its availability sums). */
export async function editionIdsOf(productId: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ id: editions.id })
    .from(editions)
    .where(eq(editions.productId, productId));
  return rows.map((r) => r.id);
}

let categoryId: string | undefined;
const tag = () => randomBytes(4).toString('hex');

/** A game of its own test category with no edition yet; `priceCents` is its listed price until one is added. */
export async function makeGame(opts: { title?: string; priceCents?: number } = {}) {
  const db = await getDb();
  if (!categoryId) {
    const [c] = await db
      .insert(categories)
      .values({ slug: `editions-test-${tag()}`, name: `Editions test ${tag()}`, position: 10_000 })
      .returning({ id: categories.id });
    categoryId = c!.id;
  }
  const t = tag();
  const [p] = await db
    .insert(products)
    .values({
      slug: `edition-game-${t}`,
      title: opts.title ?? `Edition Game ${t}`,
      description: 'A game made for an editions test.',
      priceCents: opts.priceCents ?? 1999,
      categoryId,
      releaseDate: '2024-01-01',
    })
    .returning();
  return p!;
}
