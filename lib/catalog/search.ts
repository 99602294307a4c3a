import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { products } from '@/db/schema';

/** Escapes LIKE wildcards so a shopper's `%` or `_` is matched literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Full-text search on the weighted tsvector (title A, description B), widened with trigram
 * similarity on the lowercased title so a misspelt title still matches. Every operator used here
 * is served by the GIN indexes on `search` and `lower(title)`.
 */
export function searchTerms(q: string): { match: SQL; rank: SQL[] } {
  const lowered = q.trim().toLowerCase();
  const tsquery = sql`websearch_to_tsquery('english', ${q})`;
  const title = sql`lower(${products.title})`;
  const prefix = likePrefix(lowered);
  return {
    match: sql`(${products.search} @@ ${tsquery} or ${title} like ${prefix} or ${title} %> ${lowered} or ${title} % ${lowered})`,
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
