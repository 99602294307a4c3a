import 'server-only';
import { z } from 'zod';
import { cachedCatalogRead, invalidateCatalog } from '@/lib/cache';
import { liveStock } from '@/lib/stock';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/errors/zod';
import { withLiveEntry, withLiveItems, withLiveStock } from './live-stock';
import {
  productQuerySchema,
  suggestQuerySchema,
  toSearchParams,
  type ProductQuery,
  type ProductQueryInput,
} from './query';
import { wordsOf } from './fuzzy';
import { weightedRating } from './rating';
import { didYouMean, planSearch } from './search-plan';
import { suggestFrom } from './suggest';
import { querySearchVocabulary } from './vocabulary';
import {
  queryCategories,
  queryFacets,
  queryProduct,
  queryProducts,
  querySimilar,
  querySummaries,
} from './repository';
import type {
  CatalogFacets,
  CategorySummary,
  ProductDetail,
  ProductPage,
  ProductSummary,
  SearchSuggestions,
  SearchVocabulary,
} from './types';

export * from './query';
export { weightedRating };
export type * from './types';
export { invalidateCatalog };
export { withLiveStock };
export { SALE_STATUSES } from './repository';

const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

/** Every catalog read goes through the shared cache; a loader only runs on a miss. */
async function cachedOrThrow<T>(
  key: string,
  load: () => Promise<T>,
  options?: { ttlSeconds?: number },
): Promise<T> {
  const value = await cachedCatalogRead(key, load, options);
  if (value === null) throw new Error(`catalog cache returned nothing for ${key}`);
  return value;
}

export function parseProductQuery(
  input: ProductQueryInput | Record<string, unknown>,
): ProductQuery {
  const result = productQuerySchema.safeParse(input);
  if (!result.success)
    throw new ValidationError('Some search options are invalid.', fieldErrorsOf(result.error));
  return result.data;
}

/** The genres, platforms and price range shoppers can filter by. */
export function listFacets(): Promise<CatalogFacets> {
  return cachedOrThrow('facets', queryFacets);
}

/** Genre and platform filters match the catalog's own spelling whatever case the link used. */
function canonical(query: ProductQuery, facets: CatalogFacets): ProductQuery {
  const pick = (value: string | undefined, known: string[]) =>
    value === undefined
      ? undefined
      : (known.find((k) => k.toLowerCase() === value.toLowerCase()) ?? value);
  return {
    ...query,
    genre: pick(query.genre, facets.genres),
    platform: pick(query.platform, facets.platforms),
  };
}

const needsFacets = (query: ProductQuery) => Boolean(query.genre || query.platform);

/**
 * What search matches words against besides the text index (genres, platforms, studios, titles,
 * every catalog word): read on a listing miss, kept like the listings and retired with them.
 */
function searchVocabulary(): Promise<SearchVocabulary> {
  return cachedOrThrow('search-vocabulary', querySearchVocabulary);
}

/** A listing as its cache entry holds it; a search also carries its did-you-mean. */
async function loadListing(query: ProductQuery): Promise<ProductPage> {
  if (!query.q) return queryProducts(query);
  const vocabulary = await searchVocabulary();
  const plan = planSearch(query.q, vocabulary);
  const page = await queryProducts(query, plan);
  return { ...page, didYouMean: didYouMean(plan, page.total, vocabulary) };
}

async function cachedListing(query: ProductQuery): Promise<ProductPage> {
  const key = `list:${toSearchParams(query).toString()}|p${query.page}|s${query.pageSize}`;
  return withLiveItems(await cachedOrThrow(key, () => loadListing(query)));
}

/** A page of games on sale matching the query; a page past the end has no items. */
export async function listProducts(
  input: ProductQueryInput | ProductQuery = {},
): Promise<ProductPage> {
  const query = parseProductQuery(input);
  return cachedListing(needsFacets(query) ? canonical(query, await listFacets()) : query);
}

/** A listing with the facets a filter form offers; the facets are read once for both. */
export async function listProductsWithFacets(
  input: ProductQueryInput | ProductQuery = {},
): Promise<{ page: ProductPage; facets: CatalogFacets }> {
  const query = parseProductQuery(input);
  const facetsRead = listFacets();
  const [facets, page] = await Promise.all([
    facetsRead,
    needsFacets(query)
      ? facetsRead.then((facets) => cachedListing(canonical(query, facets)))
      : cachedListing(query),
  ]);
  return { page, facets };
}

/**
 * Search ranked by relevance (exact and prefix title matches first): titles and descriptions,
 * the genres, platforms and studios the words name, tolerant of typos (search-plan.ts).
 */
export async function searchProducts(
  q: string,
  options: Omit<ProductQueryInput, 'q'> = {},
): Promise<ProductPage> {
  const words = q.trim();
  if (!words) {
    const pageSize = parseProductQuery(options).pageSize;
    return { items: [], total: 0, page: 1, pageSize, pageCount: 0 };
  }
  return listProducts({ sort: 'relevance', ...options, q: words });
}

/** Suggestions change with the catalog, not with every keystroke: a minute is fresh enough. */
const SUGGEST_TTL_SECONDS = 60;

/**
 * A few titles, genres, platforms and studios for the words typed so far (the search box's
 * suggestions), from the cached vocabulary; each answer is cached too, briefly.
 * ValidationError when q is missing, blank or longer than 100 characters.
 */
export async function suggestSearch(input: Record<string, unknown>): Promise<SearchSuggestions> {
  const parsed = suggestQuerySchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError('Some search options are invalid.', fieldErrorsOf(parsed.error));
  const { q } = parsed.data;
  // Suggestions depend on the words alone: "Dragon!" and "dragon" share an entry.
  const key = `suggest:${wordsOf(q).join(' ')}`;
  return cachedOrThrow(key, async () => suggestFrom(q, await searchVocabulary()), {
    ttlSeconds: SUGGEST_TTL_SECONDS,
  });
}

function normalizedSlug(slug: string): string {
  const normalized = slug.trim().toLowerCase();
  if (!SLUG.test(normalized)) throw new NotFoundError('We could not find that game.');
  return normalized;
}

/** A game on sale, with everything its page shows; NotFoundError when unknown or archived. */
export async function getProduct(slug: string): Promise<ProductDetail> {
  const normalized = normalizedSlug(slug);
  const product = await cachedCatalogRead(`product:${normalized}`, () => queryProduct(normalized));
  if (!product) throw new NotFoundError('We could not find that game.');
  return withLiveEntry(product);
}

const SIMILAR_LIMIT = 6;

/**
 * A game with the games like it (shared genres, best rated first): one cache entry, so a page
 * render costs one read. NotFoundError when unknown or archived.
 */
export async function getProductPage(
  slug: string,
): Promise<{ product: ProductDetail; similar: ProductSummary[] }> {
  const normalized = normalizedSlug(slug);
  const page = await cachedCatalogRead(`product-page:${normalized}`, async () => {
    const product = await queryProduct(normalized);
    return product && { product, similar: await querySimilar(product, SIMILAR_LIMIT) };
  });
  if (!page) throw new NotFoundError('We could not find that game.');
  // Both reads land in the same tick: one round trip for the game and its shelf.
  const [product, similar] = await Promise.all([
    withLiveEntry(page.product),
    withLiveStock(page.similar),
  ]);
  return { product, similar };
}

export function listCategories(): Promise<CategorySummary[]> {
  return cachedOrThrow('categories', queryCategories);
}

export async function getCategory(slug: string): Promise<CategorySummary> {
  const category = (await listCategories()).find((c) => c.slug === slug.trim().toLowerCase());
  if (!category) throw new NotFoundError('We could not find that category.');
  return category;
}

/** Summaries of the given games in the given order, for boards and shelves; not cached on its own. */
export function productSummaries(ids: readonly string[]): Promise<ProductSummary[]> {
  return querySummaries(ids);
}

const MAX_STOCK_IDS = 100;
const stockQuerySchema = z.object({
  ids: z
    .string({ error: 'Give the editions as ids=<id>,<id>,….' })
    .transform((v) =>
      v
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.uuid({ error: 'Each id must be an edition id (a UUID).' }))
        .min(1, 'Give at least one edition id.')
        .max(MAX_STOCK_IDS, `Ask for at most ${MAX_STOCK_IDS} editions at once.`),
    ),
});

/**
 * Units left of each edition asked for, live (at most half a second old): the stock island of
 * cached pages. Unknown ids, and editions that never run out, are left out.
 */
export async function availability(
  input: Record<string, unknown>,
): Promise<Record<string, number>> {
  const parsed = stockQuerySchema.safeParse(input);
  if (!parsed.success) {
    // One field whatever element was wrong: `ids` is what the caller sent.
    const messages = [...new Set(parsed.error.issues.map((i) => i.message))];
    throw new ValidationError(messages[0] ?? 'Some edition ids are invalid.', { ids: messages });
  }
  return Object.fromEntries(await liveStock(parsed.data.ids));
}
