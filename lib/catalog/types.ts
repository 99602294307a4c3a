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
  stock: number;
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
};

export type ProductImage = { url: string; alt: string; width: number; height: number };

export type CategoryRef = { slug: string; name: string };

/** Everything the product page shows. Dates are ISO strings so the value crosses to the client. */
export type ProductDetail = ProductSummary & {
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
