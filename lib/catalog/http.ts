/**
 * Cache-Control for public catalog reads: shared caches (CDN, nginx) may keep a response a
 * second and serve it stale while they refetch, which takes load off every instance. A second,
 * because listings carry live stock.
 */
export const CATALOG_CACHE_CONTROL = 'public, max-age=0, s-maxage=1, stale-while-revalidate=30';

const bodies = new WeakMap<object, { variant: unknown; json: string }>();

/**
 * A JSON response for a value the catalog serves from its cache. `key` is the cached object the
 * body derives from (the same object while the entry and its live stock stand still) and
 * `variant` whatever else shapes the body: a hot listing is serialised once per change, not once
 * per request. (Next strips a Content-Encoding set here, so compression stays Next's or the
 * proxy's: see COMPRESS in the README.)
 */
export function catalogJson(
  key: object,
  build: () => unknown,
  options: { variant?: unknown; headers?: Record<string, string> } = {},
): Response {
  let encoded = bodies.get(key);
  if (!encoded || encoded.variant !== options.variant) {
    encoded = { variant: options.variant, json: JSON.stringify(build()) };
    bodies.set(key, encoded);
  }
  return new Response(encoded.json, {
    headers: {
      'content-type': 'application/json',
      'cache-control': CATALOG_CACHE_CONTROL,
      ...options.headers,
    },
  });
}
