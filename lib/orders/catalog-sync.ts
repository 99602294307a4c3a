import 'server-only';
import { invalidateCatalog } from '@/lib/cache';
import { log } from '@/lib/log';

/**
 * Listings show stock, so they must forget what they cached after an order moves units. The order
 * has already committed: a cache that cannot be reached only delays fresh stock, never the order.
 */
export async function refreshCatalogStock(productIds: readonly string[]): Promise<void> {
  if (!productIds.length) return;
  try {
    await invalidateCatalog();
  } catch (err) {
    log.warn({ err }, 'catalog cache invalidation failed after a stock change');
  }
}
