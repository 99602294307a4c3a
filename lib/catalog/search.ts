import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { products } from '@/db/schema';
import type { SearchPlan } from './search-plan';

/** Escapes LIKE wildcards so a shopper's `%` or `_` is matched literally. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A text[] literal of bound values. */
export const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The products table once more (`from products hit`), for the subqueries that find the matches. */
const hit = alias(products, 'hit');

/** The words as a tsquery, or-ed with their corrected spelling when there is one. */
function tsqueryOf(words: string, corrected: string | null): SQL {
  const typed = sql`websearch_to_tsquery('english', ${words})`;
  return corrected ? sql`(${typed} || websearch_to_tsquery('english', ${corrected}))` : typed;
}

/**
 * Full-text search on the weighted tsvector (title A, description B), widened with trigram
 * similarity on the lowercased title so a misspelt title still matches, with the corrected
 * spelling of misspelt words (search-plan.ts), and with the games of the genres, platforms and
 * studios the words name.
 *
 * A game matches when any test holds. Each test is its own subquery, so the planner weighs an
 * index scan against a scan of the table test by test. Written as one `a or b or c or d`, it
 * priced the index scans together above one scan of the (small) table and then ran both trigram
 * tests on every game: ten times the work. Searches longer than ~25 characters still send a
 * trigram test to a table scan (a GIN scan is priced by trigram). The trigram index keeps no
 * planner statistics (drizzle/0003): estimating `%` and `%>` from them cost more than running the
 * search. The facet test reads the GIN indexes of genres and platforms and the b-trees of
 * developer and publisher (drizzle/0006), with the text index for the words beside the names.
 * Only matching games are ranked. bench/search-sql.ts measures all of this.
 */
export function searchTerms(plan: SearchPlan): { match: SQL; rank: SQL[] } {
  const lowered = plan.q.toLowerCase();
  const tsquery = tsqueryOf(plan.q, plan.corrected);
  const title = sql`lower(${products.title})`;
  const hitTitle = sql`lower(${hit.title})`;
  const prefix = likePrefix(lowered);

  const textTests = [
    sql`select ${hit.id} from ${products} ${hit} where ${hit.search} @@ ${tsquery}`,
    sql`select ${hit.id} from ${products} ${hit} where ${hitTitle} like ${prefix}`,
    sql`select ${hit.id} from ${products} ${hit} where ${hitTitle} %> ${lowered}`,
    sql`select ${hit.id} from ${products} ${hit} where ${hitTitle} % ${lowered}`,
  ];
  const textHits = sql.join(textTests, sql` union `);
  const facets: SQL[] = [];
  if (plan.genres.length) facets.push(sql`${hit.genres} @> ${textArray(plan.genres)}`);
  if (plan.platforms.length) facets.push(sql`${hit.platforms} @> ${textArray(plan.platforms)}`);
  if (plan.studios.length) {
    const studios = textArray(plan.studios);
    facets.push(sql`(${hit.developer} = any(${studios}) or ${hit.publisher} = any(${studios}))`);
  }
  if (facets.length && plan.rest) {
    // Words the text search ignores ("my rpg") leave an empty query, which would match nothing.
    const rest = tsqueryOf(plan.rest, plan.restCorrected);
    facets.push(sql`(numnode(${rest}) = 0 or ${hit.search} @@ ${rest})`);
  }

  // Whole-title likeness to what was typed, or to its correction when that is closer.
  const likeness = plan.corrected
    ? sql`greatest(similarity(${title}, ${lowered}), similarity(${title}, ${plan.corrected}))`
    : sql`similarity(${title}, ${lowered})`;
  const textRank = [
    sql`ts_rank_cd(${products.search}, ${tsquery}, 32) + ${likeness}`,
    sql`word_similarity(${lowered}, ${title})`,
  ];
  // A named facet can match hundreds of games whose text says nothing of the words: ranking
  // each by text and trigrams cost more than the rest of the search. Only the text matches
  // (a hashed set of ids, built once per sort key) are ranked; the facet's other games follow,
  // best rated first.
  const ranked = facets.length
    ? textRank.map(
        (rank) => sql`case when ${products.id} in (${textHits}) then ${rank} end desc nulls last`,
      )
    : textRank.map((rank) => sql`${rank} desc`);
  const tests = facets.length
    ? sql`${textHits} union select ${hit.id} from ${products} ${hit} where ${sql.join(facets, sql` and `)}`
    : textHits;
  return {
    match: sql`${products.id} in (${tests})`,
    rank: [
      // An exact title, then a title that starts with the words, beats any amount of text rank.
      sql`case when ${title} = ${lowered} then 0 when ${title} like ${prefix} then 1 else 2 end asc`,
      // Text rank (normalised to 0..1) plus whole-title likeness: a misspelt title still ranks
      // the game it names above longer titles that merely share a word.
      ranked[0]!,
      ranked[1]!,
    ],
  };
}
