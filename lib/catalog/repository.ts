import 'server-only';
import { and, asc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { categories, editions, orderItems, orders, productImages, products } from '@/db/schema';
import { productSummaryColumns, toProductSummary } from './featured';
import { effectiveSort, type ProductQuery } from './query';
import { weightedRatingSql } from './rating';
import { searchTerms, textArray } from './search';
import type { SearchPlan } from './search-plan';
import type {
  CatalogFacets,
  CategorySummary,
  EditionSummary,
  ProductDetail,
  ProductPage,
  ProductSummary,
} from './types';

/** Orders in these states hold money the shop keeps (or may keep): they count as sales. */
export const SALE_STATUSES = ['paid', 'fulfilled', 'refund_requested'] as const;

const onSale = isNull(products.archivedAt);

function filters(query: ProductQuery): SQL[] {
  const where: SQL[] = [onSale];
  if (query.genre) where.push(sql`${products.genres} @> ${textArray([query.genre])}`);
  if (query.platform) where.push(sql`${products.platforms} @> ${textArray([query.platform])}`);
  if (query.category) {
    where.push(
      sql`${products.categoryId} = (select ${categories.id} from ${categories} where ${categories.slug} = ${query.category})`,
    );
  }
  if (query.minPrice !== undefined) where.push(gte(products.priceCents, query.minPrice));
  if (query.maxPrice !== undefined) where.push(lte(products.priceCents, query.maxPrice));
  if (query.inStock) {
    where.push(sql`exists (
      select 1 from ${editions} where ${editions.productId} = ${products.id}
        and ${editions.archivedAt} is null and (${editions.stock} is null or ${editions.stock} > 0)
    )`);
  }
  return where;
}

function unitsSold() {
  return sql<number>`coalesce((
    select sum(${orderItems.quantity}) from ${orderItems}
    join ${orders} on ${orders.id} = ${orderItems.orderId}
    where ${orderItems.productId} = ${products.id}
      and ${inArray(orders.status, [...SALE_STATUSES])}
  ), 0)`;
}

/** The filters and order of a listing; a search (q) needs its plan (planSearch). */
function listingClauses(
  query: ProductQuery,
  plan: SearchPlan | null,
): { where: SQL[]; order: SQL[] } {
  const where = filters(query);
  const order: SQL[] = [];
  if (query.q) {
    if (!plan) throw new Error('A search needs its plan (planSearch) to be listed.');
    const search = searchTerms(plan);
    where.push(search.match);
    if (effectiveSort(query) === 'relevance') order.push(...search.rank);
  }
  switch (effectiveSort(query)) {
    case 'price_asc':
      order.push(sql`${products.priceCents} asc`);
      break;
    case 'price_desc':
      order.push(sql`${products.priceCents} desc`);
      break;
    case 'newest':
      order.push(sql`${products.releaseDate} desc`);
      break;
    case 'best_selling':
      order.push(sql`${unitsSold()} desc`);
      break;
    case 'rating':
    case 'relevance':
      break;
  }
  // Best weighted rating (rating.ts; the rating sort walks its index), then ties always resolve
  // the same way, so pages never repeat or skip a game.
  order.push(
    sql`${weightedRatingSql()} desc`,
    sql`${products.ratingCount} desc`,
    sql`${products.title} asc`,
    sql`${products.id} asc`,
  );
  return { where, order };
}

function pageStatement(
  db: Awaited<ReturnType<typeof getDb>>,
  query: ProductQuery,
  where: SQL[],
  order: SQL[],
) {
  return db
    .select({ ...productSummaryColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(products)
    .where(and(...where))
    .orderBy(...order)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

/** The page's SQL and parameters, unsent: bench/search-sql.ts sends them as drizzle would. */
export async function productsStatement(
  query: ProductQuery,
  plan: SearchPlan | null,
): Promise<{ sql: string; params: unknown[] }> {
  const { where, order } = listingClauses(query, plan);
  // Not the builder itself: awaiting a drizzle query runs it.
  return pageStatement(await getDb(), query, where, order).toSQL();
}

/** A page of the listing; `plan` is the search's (planSearch) when the query has words. */
export async function queryProducts(
  query: ProductQuery,
  plan: SearchPlan | null = null,
): Promise<ProductPage> {
  const db = await getDb();
  const { where, order } = listingClauses(query, plan);
  const rows = await pageStatement(db, query, where, order);

  let total = rows[0]?.total ?? (query.page === 1 ? 0 : undefined);
  if (total === undefined) {
    // Past the last page the window has no row to carry the count (an empty first page has none).
    const [counted] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(products)
      .where(and(...where));
    total = counted?.n ?? 0;
  }
  return {
    items: rows.map(({ total: _total, ...row }) => toProductSummary(row)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.ceil(total / query.pageSize),
  };
}

export async function queryProduct(slug: string): Promise<ProductDetail | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      ...productSummaryColumns,
      description: products.description,
      specs: products.specs,
      developer: products.developer,
      publisher: products.publisher,
      releaseDate: products.releaseDate,
      featured: products.featured,
      categorySlug: categories.slug,
      categoryName: categories.name,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(products.slug, slug), onSale))
    .limit(1);
  if (!row) return null;
  const images = await db
    .select({
      url: productImages.url,
      alt: productImages.alt,
      width: productImages.width,
      height: productImages.height,
    })
    .from(productImages)
    .where(eq(productImages.productId, row.id))
    .orderBy(asc(productImages.position));
  const editionRows = await queryEditions(row.id);
  const {
    categorySlug,
    categoryName,
    description,
    specs,
    developer,
    publisher,
    releaseDate,
    featured,
    ...summary
  } = row;
  return {
    ...toProductSummary(summary),
    description,
    specs,
    developer,
    publisher,
    releaseDate: String(releaseDate),
    featured,
    category: { slug: categorySlug, name: categoryName },
    editions: editionRows,
    images: images.map((image) => ({ ...image, alt: image.alt || `Image of ${row.title}` })),
  };
}

/** A game's editions on sale, in picker order. */
export async function queryEditions(productId: string): Promise<EditionSummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: editions.id,
      sku: editions.sku,
      name: editions.name,
      platform: editions.platform,
      delivery: editions.delivery,
      priceCents: editions.priceCents,
      currency: editions.currency,
      stock: editions.stock,
    })
    .from(editions)
    .where(and(eq(editions.productId, productId), isNull(editions.archivedAt)))
    .orderBy(asc(editions.position), asc(editions.name));
  return rows.map((r) => ({ ...r, available: r.stock === null || r.stock > 0 }));
}

/** Games sharing the most genres with this one, best (weighted) rating first. */
export async function querySimilar(
  product: Pick<ProductDetail, 'id' | 'genres'>,
  limit: number,
): Promise<ProductSummary[]> {
  if (product.genres.length === 0) return [];
  const db = await getDb();
  const genres = textArray(product.genres);
  const rows = await db
    .select(productSummaryColumns)
    .from(products)
    .where(and(onSale, ne(products.id, product.id), sql`${products.genres} && ${genres}`))
    .orderBy(
      sql`cardinality(array(select unnest(${products.genres}) intersect select unnest(${genres}))) desc`,
      sql`${weightedRatingSql()} desc`,
      asc(products.title),
    )
    .limit(limit);
  return rows.map(toProductSummary);
}

export async function queryCategories(): Promise<CategorySummary[]> {
  const db = await getDb();
  const rows = await db
    .select({
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
      position: categories.position,
      productCount: sql<number>`count(${products.id})`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(products, and(eq(products.categoryId, categories.id), onSale))
    .groupBy(categories.id)
    .orderBy(asc(categories.position), asc(categories.name));
  return rows;
}

export async function queryFacets(): Promise<CatalogFacets> {
  const db = await getDb();
  const [row] = await db
    .select({
      genres: sql<
        string[]
      >`coalesce((select array_agg(distinct g order by g) from ${products}, unnest(${products.genres}) g where ${products.archivedAt} is null), '{}')`,
      platforms: sql<
        string[]
      >`coalesce((select array_agg(distinct p order by p) from ${products}, unnest(${products.platforms}) p where ${products.archivedAt} is null), '{}')`,
      min: sql<number>`coalesce(min(${products.priceCents}), 0)`.mapWith(Number),
      max: sql<number>`coalesce(max(${products.priceCents}), 0)`.mapWith(Number),
    })
    .from(products)
    .where(onSale);
  return {
    genres: row?.genres ?? [],
    platforms: row?.platforms ?? [],
    priceRange: { min: row?.min ?? 0, max: row?.max ?? 0 },
  };
}

/** Summaries by id, in the order asked; ids not on sale are left out. */
export async function querySummaries(ids: readonly string[]): Promise<ProductSummary[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select(productSummaryColumns)
    .from(products)
    .where(and(onSale, inArray(products.id, [...ids])));
  const byId = new Map(rows.map((row) => [row.id, toProductSummary(row)]));
  return ids.map((id) => byId.get(id)).filter((p): p is ProductSummary => Boolean(p));
}
