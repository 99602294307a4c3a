/**
 * Cache-Control for public catalog reads: shared caches (CDN, nginx) may keep a response a
 * second and serve it stale while they refetch, which takes load off every instance. A second,
 * because listings carry live stock.
 */
export const CATALOG_CACHE_CONTROL = 'public, max-age=0, s-maxage=1, stale-while-revalidate=30';

const bodies = new WeakMap<object, { extra: unknown; body: string }>();

/**
 * `{ ...value, [name]: extra }` as JSON, serialised once per pair of cached values: warm reads
 * hand back the same objects, so a hot listing is not re-stringified on every request.
 */
export function cachedJsonBody(value: object, name: string, extra: unknown): string {
  const memo = bodies.get(value);
  if (memo && memo.extra === extra) return memo.body;
  const body = JSON.stringify({ ...value, [name]: extra });
  bodies.set(value, { extra, body });
  return body;
}
