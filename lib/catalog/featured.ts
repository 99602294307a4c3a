import 'server-only';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { editions, productImages, products } from '@/db/schema';
import { cachedCatalogRead } from '@/lib/cache';
import { withLiveStock } from './live-stock';
import { weightedRatingSql } from './rating';
import type { ProductSummary } from './types';

const MAX_LIMIT = 48;

/**
 * One column of the product's lowest-positioned image. The outer product id is spelled
 * `"products"."id"` by hand: in a single-table select drizzle strips table names from columns
 * inside raw SQL, and a bare "id" would resolve to the image's own id.
 */
export function coverColumn(column: typeof productImages.url | typeof productImages.alt) {
  return sql<string | null>`(
    select ${column} from ${productImages}
    where ${productImages.productId} = ${products}.${sql.identifier(products.id.name)}
    order by ${productImages.position} asc limit 1
  )`;
}

/** `"products"."id"`, spelled by hand for the same reason as in `coverColumn`. */
const productId = sql`${products}.${sql.identifier(products.id.name)}`;

/** The editions on sale of the outer product, as `select`-able SQL over `editions`. */
function editionsColumn<T>(expression: ReturnType<typeof sql>, fallback: ReturnType<typeof sql>) {
  return sql<T>`coalesce((
    select ${expression} from ${editions}
    where ${editions.productId} = ${productId} and ${editions.archivedAt} is null
  ), ${fallback})`;
}

/** The columns of a `ProductSummary`; works in single-table selects and in joins. */
export const productSummaryColumns = {
  id: products.id,
  slug: products.slug,
  title: products.title,
  priceCents: products.priceCents,
  currency: products.currency,
  // Units on the shelf across editions with a stock; the live overlay replaces it on every read.
  stock: editionsColumn<number>(sql`sum(${editions.stock})::int`, sql`0`).mapWith(Number),
  unlimited: editionsColumn<boolean>(sql`bool_or(${editions.stock} is null)`, sql`false`),
  countedEditionIds: editionsColumn<string[]>(
    sql`array_agg(${editions.id} order by ${editions.position}, ${editions.name}) filter (where ${editions.stock} is not null)`,
    sql`'{}'::uuid[]`,
  ),
  rating: products.rating,
  ratingCount: products.ratingCount,
  platforms: products.platforms,
  genres: products.genres,
  coverUrl: coverColumn(productImages.url),
  coverAlt: coverColumn(productImages.alt),
};

type SummaryRow = Omit<ProductSummary, 'coverAlt'> & { coverAlt: string | null };

export function toProductSummary(row: SummaryRow): ProductSummary {
  return {
    ...row,
    rating: Number(row.rating),
    coverAlt: row.coverAlt || `Cover art for ${row.title}`,
  };
}

async function queryFeatured(take: number): Promise<ProductSummary[]> {
  const db = await getDb();
  const rows = await db
    .select(productSummaryColumns)
    .from(products)
    .where(and(eq(products.featured, true), isNull(products.archivedAt)))
    .orderBy(sql`${weightedRatingSql()} desc`, desc(products.ratingCount), asc(products.title))
    .limit(take);
  return rows.map(toProductSummary);
}

/**
 * Featured games still on sale, best weighted rating first (rating.ts; ties: most ratings, then title, so the order
 * is stable). Served from the shared catalog cache, which every catalog write invalidates.
 */
export async function featuredProducts(limit = 10): Promise<ProductSummary[]> {
  const take = Math.min(Math.max(1, Math.trunc(limit)), MAX_LIMIT);
  // The loader never yields null, so null could only be a foreign entry: show an empty shelf.
  return withLiveStock(
    (await cachedCatalogRead(`featured:${take}`, () => queryFeatured(take))) ?? [],
  );
}
