/**
 * Which tags a catalog entry or page depends on, read off its key. A write retires only what
 * carries a tag it touched: a price edit retires that game's entries and the listings, a stock
 * change retires nothing (stock is never cached), a game selling out retires only the listings
 * filtered to games in stock. Every entry also carries `all`, which retires everything.
 */
export const CATALOG_TAGS = {
  all: 'all',
  /** Listings, search results, facets, shelves and boards: what shows games side by side. */
  listings: 'listings',
  /** Listings filtered to games in stock: their members change when a game sells out or returns. */
  inStock: 'in-stock',
  categories: 'categories',
  product: (slug: string) => `product:${slug}`,
} as const;

const IN_STOCK_PARAM = /(^|[:&|])inStock=true(&|\||$)/;

/** Tags of a catalog cache key (`list:…`, `product:<slug>`, `product-page:<slug>`, `facets`, …). */
export function catalogKeyTags(key: string): string[] {
  const [kind = '', rest = ''] = splitOnce(key, ':');
  switch (kind) {
    case 'list':
      return IN_STOCK_PARAM.test(rest)
        ? [CATALOG_TAGS.listings, CATALOG_TAGS.inStock]
        : [CATALOG_TAGS.listings];
    case 'product':
      return [CATALOG_TAGS.product(rest)];
    case 'product-page':
      // The page also shows similar games, as a listing does.
      return [CATALOG_TAGS.product(rest), CATALOG_TAGS.listings];
    case 'categories':
      return [CATALOG_TAGS.categories];
    default:
      // facets, featured shelves, boards: games side by side.
      return [CATALOG_TAGS.listings];
  }
}

/** Tags of a rendered page, by its ISR cache key (the route's path). */
export function pageKeyTags(key: string): string[] {
  const product = /^\/products\/([^/?#]+)$/.exec(key);
  if (product) return [CATALOG_TAGS.product(product[1]!), CATALOG_TAGS.listings];
  return [CATALOG_TAGS.listings, CATALOG_TAGS.categories];
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
