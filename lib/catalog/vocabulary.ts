import 'server-only';
import { isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { products } from '@/db/schema';
import { wordsOf } from './fuzzy';
import { weightedRatingSql } from './rating';
import type { SearchVocabulary } from './types';

/**
 * The search vocabulary of the games on sale, read in one pass over the catalog (a few hundred
 * rows) and split into words here, with the same rule the matching uses. Loaded on a cache miss
 * only: it is cached like any catalog read and retired with the listings.
 */
export async function querySearchVocabulary(): Promise<SearchVocabulary> {
  const db = await getDb();
  const rows = await db
    .select({
      slug: products.slug,
      title: products.title,
      description: products.description,
      genres: products.genres,
      platforms: products.platforms,
      developer: products.developer,
      publisher: products.publisher,
    })
    .from(products)
    .where(isNull(products.archivedAt))
    .orderBy(sql`${weightedRatingSql()} desc`, products.title);
  const sorted = (values: Iterable<string>) =>
    [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));
  const words = new Set<string>();
  for (const row of rows)
    for (const w of wordsOf(`${row.title} ${row.description}`)) if (w.length > 1) words.add(w);
  return {
    genres: sorted(rows.flatMap((r) => r.genres)),
    platforms: sorted(rows.flatMap((r) => r.platforms)),
    studios: sorted(rows.flatMap((r) => [r.developer, r.publisher])),
    titles: rows.map((r) => [r.slug, r.title]),
    words: [...words].sort(),
  };
}
