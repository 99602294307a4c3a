import { sql, type SQL } from 'drizzle-orm';
import { products } from '@/db/schema';

/**
 * "Top rated" ranks by a weighted (Bayesian) rating, not the raw average: a game's average is
 * pulled towards the catalog's mean by as many made-up votes as `PRIOR_VOTES`, so a 5.0 from 7
 * votes (≈3.95) no longer beats a 4.8 from 23,000 (≈4.80). Weighted = (v·R + m·C) / (v + m).
 *
 * Both constants are fixed, not read from the catalog, so the expression stays immutable and can
 * be indexed (drizzle/0006): C is the mean rating of the seeded catalog (3.81 over 540 games),
 * m is about a tenth of its median number of votes (438). Changing either means a new migration
 * that recreates `products_weighted_rating_idx` with the same expression.
 */
export const PRIOR_VOTES = 50;
export const CATALOG_MEAN_RATING = 3.8;

/** The weighted rating of one game, as the index and the SQL sort compute it. */
export function weightedRating(rating: number, ratingCount: number): number {
  return (ratingCount * rating + PRIOR_VOTES * CATALOG_MEAN_RATING) / (ratingCount + PRIOR_VOTES);
}

/**
 * The same, as SQL over `products`, spelled exactly like the expression of
 * `products_weighted_rating_idx` so the planner sorts by walking that index. The constants are
 * inlined (not bound parameters) for the same reason.
 */
export function weightedRatingSql(): SQL {
  const priorSum = sql.raw(String(PRIOR_VOTES * CATALOG_MEAN_RATING));
  const prior = sql.raw(String(PRIOR_VOTES));
  return sql`((${products.ratingCount} * ${products.rating}::float8 + ${priorSum}::float8) / (${products.ratingCount} + ${prior}))`;
}
