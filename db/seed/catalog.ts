import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { categories, productImages, products } from '@/db/schema';
import type { GameSeed } from './games';
import { GENRES } from './genres';
import { chunks, differsFromExcluded, fromExcluded, type UpsertCount } from './upsert';

// Well under PostgreSQL's 65,535 bind parameters per statement, and small enough for PGlite.
const ROWS_PER_INSERT = 150;

const seededCategoryColumns = {
  name: categories.name,
  description: categories.description,
  position: categories.position,
};

const seededProductColumns = {
  title: products.title,
  description: products.description,
  specs: products.specs,
  priceCents: products.priceCents,
  currency: products.currency,
  categoryId: products.categoryId,
  platforms: products.platforms,
  genres: products.genres,
  developer: products.developer,
  publisher: products.publisher,
  releaseDate: products.releaseDate,
  rating: products.rating,
  ratingCount: products.ratingCount,
  featured: products.featured,
};

/** Returns each genre's category id by slug. */
export async function upsertCategories(
  tx: DbOrTx,
): Promise<{ count: UpsertCount; idBySlug: Map<string, string> }> {
  const slugs = GENRES.map((g) => g.slug);
  const before = await tx
    .select({ slug: categories.slug })
    .from(categories)
    .where(inArray(categories.slug, slugs));
  const changed = await tx
    .insert(categories)
    .values(
      GENRES.map((g, position) => ({
        slug: g.slug,
        name: g.name,
        description: g.description,
        position,
      })),
    )
    .onConflictDoUpdate({
      target: categories.slug,
      set: { ...fromExcluded(seededCategoryColumns), updatedAt: sql`now()` },
      setWhere: differsFromExcluded(seededCategoryColumns),
    })
    .returning({ slug: categories.slug });
  const rows = await tx
    .select({ id: categories.id, slug: categories.slug })
    .from(categories)
    .where(inArray(categories.slug, slugs));
  const created = slugs.length - before.length;
  return {
    count: { total: slugs.length, created, updated: changed.length - created },
    idBySlug: new Map(rows.map((r) => [r.slug, r.id])),
  };
}

/** Returns each game's product id by slug. */
export async function upsertProducts(
  tx: DbOrTx,
  games: readonly GameSeed[],
  categoryIdBySlug: Map<string, string>,
): Promise<{ count: UpsertCount; idBySlug: Map<string, string> }> {
  const slugs = games.map((g) => g.slug);
  const before = await tx
    .select({ slug: products.slug })
    .from(products)
    .where(inArray(products.slug, slugs));
  let changed = 0;
  for (const batch of chunks(games, ROWS_PER_INSERT)) {
    const rows = batch.map(({ categorySlug, image: _image, stock: _stock, ...game }) => {
      const categoryId = categoryIdBySlug.get(categorySlug);
      if (!categoryId) throw new Error(`no category "${categorySlug}" for ${game.slug}`);
      return { ...game, categoryId };
    });
    const written = await tx
      .insert(products)
      .values(rows)
      .onConflictDoUpdate({
        target: products.slug,
        set: { ...fromExcluded(seededProductColumns), updatedAt: sql`now()` },
        setWhere: differsFromExcluded(seededProductColumns),
      })
      .returning({ slug: products.slug });
    changed += written.length;
  }
  const ids = await tx
    .select({ id: products.id, slug: products.slug })
    .from(products)
    .where(inArray(products.slug, slugs));
  const created = games.length - before.length;
  return {
    count: { total: games.length, created, updated: changed - created },
    idBySlug: new Map(ids.map((r) => [r.slug, r.id])),
  };
}

/**
 * Gives every game its generated cover. Images have no natural key, so the cover is recognised by
 * its URL, and images an admin added are left as they are.
 */
export async function upsertCovers(
  tx: DbOrTx,
  games: readonly GameSeed[],
  productIdBySlug: Map<string, string>,
): Promise<UpsertCount> {
  const productIds = [...productIdBySlug.values()];
  const existing = await tx
    .select({
      id: productImages.id,
      productId: productImages.productId,
      url: productImages.url,
      alt: productImages.alt,
      position: productImages.position,
    })
    .from(productImages)
    .where(inArray(productImages.productId, productIds));
  const byProduct = new Map<string, typeof existing>();
  for (const image of existing) {
    byProduct.set(image.productId, [...(byProduct.get(image.productId) ?? []), image]);
  }

  const missing: (typeof productImages.$inferInsert)[] = [];
  let updated = 0;
  for (const game of games) {
    const productId = productIdBySlug.get(game.slug);
    if (!productId) throw new Error(`product ${game.slug} was not written`);
    const images = byProduct.get(productId) ?? [];
    const cover = images.find((image) => image.url === game.image.url);
    if (!cover) {
      // A product that already has pictures gets its cover after them, not on top of them.
      const position = images.length === 0 ? 0 : Math.max(...images.map((i) => i.position)) + 1;
      missing.push({ productId, position, ...game.image });
    } else if (cover.alt !== game.image.alt) {
      await tx
        .update(productImages)
        .set({ alt: game.image.alt })
        .where(eq(productImages.id, cover.id));
      updated++;
    }
  }
  for (const batch of chunks(missing, ROWS_PER_INSERT)) {
    await tx.insert(productImages).values(batch);
  }
  return { total: games.length, created: missing.length, updated };
}
