import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { products } from '@/db/schema';

/** Escapes LIKE wildcards so a shopper's `%` or `_` is matched literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The products table once more (`from products hit`), for the subqueries that find the matches. */
const hit = alias(products, 'hit');

/**
 * Full-text search on the weighted tsvector (title A, description B), widened with trigram
 * similarity on the lowercased title so a misspelt title still matches.
 *
 * A game matches when any of four tests holds. Each test is its own subquery, so the planner
 * weighs an index scan against a scan of the table test by test. Written as one
 * `a or b or c or d`, it priced the four index scans together above one scan of the (small) table
 * and then ran both trigram tests on every game: ten times the work. Searches longer than ~25
 * characters still send a trigram test to a table scan (a GIN scan is priced by trigram).
 * The trigram index keeps no planner statistics (drizzle/0003): estimating `%` and `%>` from them
 * cost more than running the search. Only matching games are ranked; tests and ranking are as
 * before. bench/search-sql.ts measures all of this.
 */
export function searchTerms(q: string): { match: SQL; rank: SQL[] } {
  const lowered = q.trim().toLowerCase();
  const tsquery = sql`websearch_to_tsquery('english', ${q})`;
  const title = sql`lower(${products.title})`;
  const hitTitle = sql`lower(${hit.title})`;
  const prefix = likePrefix(lowered);
  return {
    match: sql`${products.id} in (
      select ${hit.id} from ${products} ${hit} where ${hit.search} @@ ${tsquery}
      union select ${hit.id} from ${products} ${hit} where ${hitTitle} like ${prefix}
      union select ${hit.id} from ${products} ${hit} where ${hitTitle} %> ${lowered}
      union select ${hit.id} from ${products} ${hit} where ${hitTitle} % ${lowered}
    )`,
    rank: [
      // An exact title, then a title that starts with the words, beats any amount of text rank.
      sql`case when ${title} = ${lowered} then 0 when ${title} like ${prefix} then 1 else 2 end asc`,
      // Text rank (normalised to 0..1) plus whole-title likeness: a misspelt title still ranks
      // the game it names above longer titles that merely share a word.
      sql`ts_rank_cd(${products.search}, ${tsquery}, 32) + similarity(${title}, ${lowered}) desc`,
      sql`word_similarity(${lowered}, ${title}) desc`,
    ],
  };
}
