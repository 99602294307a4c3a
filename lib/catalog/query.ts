import { z } from 'zod';

export const PRODUCT_SORTS = [
  'relevance',
  'price_asc',
  'price_desc',
  'newest',
  'rating',
  'best_selling',
] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const SORT_LABELS: Record<ProductSort, string> = {
  relevance: 'Relevance',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  newest: 'Newest',
  rating: 'Top rated',
  best_selling: 'Best selling',
};

export const DEFAULT_PAGE_SIZE = 24;
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 10_000;
/** Search words beyond this many characters are refused (listings and suggestions alike). */
export const MAX_SEARCH_LENGTH = 100;
const MAX_PRICE_CENTS = 10_000_000;

/** Query parameters arrive as strings (or arrays when repeated); the last value of a repeat wins. */
const single = (value: unknown) => (Array.isArray(value) ? value.at(-1) : value);
const blankToUndefined = (value: unknown) => {
  const v = single(value);
  return typeof v === 'string' && v.trim() === '' ? undefined : v;
};

const text = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z.string().trim().max(max, `Use at most ${max} characters.`).optional(),
  );
const categorySlug = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .toLowerCase()
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'Use lowercase letters, digits and dashes.')
    .optional(),
);
const cents = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: 'Enter a whole number of cents.' })
    .int('Enter a whole number of cents.')
    .min(0, 'Prices start at 0.')
    .max(MAX_PRICE_CENTS, 'That price is out of range.')
    .optional(),
);
const flag = z.preprocess(
  (value) => {
    const v = blankToUndefined(value);
    if (typeof v === 'boolean') return String(v);
    return typeof v === 'string' ? v.toLowerCase() : v;
  },
  z
    .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], { error: 'Use true or false.' })
    .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes')
    .optional(),
);

/**
 * The catalog listing query, shared by the `/products` page, `/search`, and `GET /api/v1/products`.
 * Prices are in cents. Unknown keys are ignored so tracking parameters never break a link.
 */
export const productQuerySchema = z
  .object({
    q: text(MAX_SEARCH_LENGTH),
    genre: text(60),
    platform: text(60),
    category: categorySlug,
    minPrice: cents,
    maxPrice: cents,
    inStock: flag,
    sort: z.preprocess(
      blankToUndefined,
      z.enum(PRODUCT_SORTS, { error: `Sort by one of: ${PRODUCT_SORTS.join(', ')}.` }).optional(),
    ),
    page: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'Pages are numbered from 1.' })
        .int('Pages are numbered from 1.')
        .min(1, 'Pages are numbered from 1.')
        .max(MAX_PAGE, `Pages stop at ${MAX_PAGE}.`)
        .default(1),
    ),
    pageSize: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: `Choose 1 to ${MAX_PAGE_SIZE} per page.` })
        .int(`Choose 1 to ${MAX_PAGE_SIZE} per page.`)
        .min(1, `Choose 1 to ${MAX_PAGE_SIZE} per page.`)
        .max(MAX_PAGE_SIZE, `Choose 1 to ${MAX_PAGE_SIZE} per page.`)
        .default(DEFAULT_PAGE_SIZE),
    ),
  })
  .refine((v) => v.minPrice === undefined || v.maxPrice === undefined || v.minPrice <= v.maxPrice, {
    path: ['maxPrice'],
    message: 'The maximum price must not be below the minimum.',
  });

export type ProductQueryInput = z.input<typeof productQuerySchema>;

/** `GET /api/v1/search/suggest?q=`: the words typed so far. */
export const suggestQuerySchema = z.object({
  q: z.preprocess(
    single,
    z
      .string({ error: 'Give q, the words typed so far.' })
      .trim()
      .min(1, 'Type at least one letter.')
      .max(MAX_SEARCH_LENGTH, `Use at most ${MAX_SEARCH_LENGTH} characters.`),
  ),
});
export type ProductQuery = z.output<typeof productQuerySchema>;

/** Relevance only means something with search words; without them the best rated come first. */
export function effectiveSort(query: Pick<ProductQuery, 'q' | 'sort'>): ProductSort {
  if (query.sort && (query.sort !== 'relevance' || query.q)) return query.sort;
  return query.q ? 'relevance' : 'rating';
}

/** Whether the shopper narrowed the listing with a filter a "Clear filters" link would drop. */
export function hasFilters(query: ProductQuery): boolean {
  return Boolean(
    query.genre ||
    query.platform ||
    query.minPrice !== undefined ||
    query.maxPrice !== undefined ||
    query.inStock,
  );
}

const KEY_ORDER = [
  'q',
  'genre',
  'platform',
  'category',
  'minPrice',
  'maxPrice',
  'inStock',
  'sort',
  'page',
  'pageSize',
] as const;

/**
 * The query as URL parameters in a fixed order, leaving out defaults: equal queries give equal
 * strings, which makes them shareable links and good cache keys.
 */
export function toSearchParams(query: Partial<ProductQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEY_ORDER) {
    const value = query[key];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
    if (key === 'inStock' && value === false) continue;
    params.set(key, String(value));
  }
  return params;
}

/** Parses URL parameters leniently: a field that does not validate falls back to its default. */
export function parseProductQueryLeniently(params: URLSearchParams): ProductQuery {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) raw[k] = v;
  const first = productQuerySchema.safeParse(raw);
  if (first.success) return first.data;
  for (const issue of first.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string') delete raw[field];
  }
  const second = productQuerySchema.safeParse(raw);
  return second.success ? second.data : productQuerySchema.parse({});
}
