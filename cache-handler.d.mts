/** Next's incremental cache handler over the app's page store (see cache-handler.mjs). */
export default class CacheHandler {
  get(key: string): Promise<unknown>;
  set(key: string, data: unknown, ctx?: { cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags?: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
