/**
 * What a listing needs to show one game: the shape every grid, shelf and search result renders.
 * Plain data (no Dates, no class instances) so it crosses the server/client boundary as-is.
 */
export type ProductSummary = {
  id: string;
  slug: string;
  title: string;
  /** In the currency's minor unit (cents). */
  priceCents: number;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  /** Units left across the editions that have a stock (keys, boxes, capped downloads). */
  stock: number;
  /** True when an edition never runs out (an uncapped download): the game is always available. */
  unlimited: boolean;
  /**
   * Its editions on sale that count units (all but uncapped downloads): the stock units whose
   * live counts add up to `stock`.
   */
  countedEditionIds: string[];
  /** Average rating on a 0–5 scale; 0 with `ratingCount` 0 means unrated. */
  rating: number;
  ratingCount: number;
  platforms: string[];
  genres: string[];
  /** The product's first image, or null if it has none. */
  coverUrl: string | null;
  coverAlt: string;
};

/** One page of a catalog listing. */
export type ProductPage = {
  items: ProductSummary[];
  total: number;
  /** 1-based. A page past the end is valid and has no items. */
  page: number;
  pageSize: number;
  pageCount: number;
  /**
   * Set on searches (q given): what the shopper probably meant, or null. A misspelt word's closest
   * catalog word ("drgon" → "dragon"; its games are already among the results), or, when nothing
   * matched, the words that would (unknown words dropped) or the closest title.
   */
  didYouMean?: string | null;
};

export type ProductImage = { url: string; alt: string; width: number; height: number };

export type CategoryRef = { slug: string; name: string };

export type DeliveryKind = 'key' | 'download' | 'physical';

/** One way to buy a game: a platform, a delivery kind, a price and (live) what is left. */
export type EditionSummary = {
  id: string;
  sku: string;
  name: string;
  platform: string;
  delivery: DeliveryKind;
  priceCents: number;
  currency: string;
  /** Units left; null when the edition never runs out (an uncapped download). */
  stock: number | null;
  /** Whether it can be bought now. */
  available: boolean;
};

/** Everything the product page shows. Dates are ISO strings so the value crosses to the client. */
export type ProductDetail = ProductSummary & {
  editions: EditionSummary[];
  description: string;
  specs: Record<string, string>;
  developer: string;
  publisher: string;
  /** YYYY-MM-DD. */
  releaseDate: string;
  featured: boolean;
  category: CategoryRef;
  images: ProductImage[];
};

export type CategorySummary = CategoryRef & {
  description: string;
  position: number;
  /** Games on sale in the category. */
  productCount: number;
};

/** The values shoppers can filter by, as spelled in the catalog. */
export type CatalogFacets = {
  genres: string[];
  platforms: string[];
  /** Cheapest and dearest price on sale, in cents. */
  priceRange: { min: number; max: number };
};

export type LeaderboardEntry = ProductSummary & {
  rank: number;
  /** Units sold, views, or rating, depending on the board. */
  score: number;
};

/**
 * What search matches a query against besides the text index: the names shoppers type (genres,
 * platforms, studios), the titles suggestions offer, and every word the catalog uses, so a
 * misspelling can be told from a word that is simply rare.
 */
export type SearchVocabulary = {
  genres: string[];
  platforms: string[];
  /** Developers and publishers. */
  studios: string[];
  /** Games on sale, best weighted rating first: [slug, title]. */
  titles: [slug: string, title: string][];
  /** Every distinct lowercased word of the titles and descriptions on sale. */
  words: string[];
};

/** Suggestions while typing: a few titles to open, and genres, platforms and studios to search. */
export type SearchSuggestions = {
  q: string;
  titles: { slug: string; title: string }[];
  genres: string[];
  platforms: string[];
  studios: string[];
};
