import 'server-only';
import { liveStock } from '@/lib/stock';

type Stocked = { id: string; stock: number };

/**
 * Cached catalog entries never carry live stock: every read lays the units left over them from
 * the per-unit counters, so an order changes what shoppers see without retiring any entry.
 */
export async function withLiveStock<T extends Stocked>(items: readonly T[]): Promise<T[]> {
  if (!items.length) return [];
  const stock = await liveStock(items.map((i) => i.id));
  return items.map((item) => ({ ...item, stock: stock.get(item.id) ?? 0 }));
}

const overlays = new WeakMap<object, { counts: string; value: object }>();

/**
 * `{ ...cached, items }` with live stock, handing back the same object while the counts stand
 * still: a hot listing is then serialised once per change of stock, not once per request.
 */
export async function withLiveItems<V extends { items: Stocked[] }>(cached: V): Promise<V> {
  if (!cached.items.length) return cached;
  const stock = await liveStock(cached.items.map((i) => i.id));
  const counts = cached.items.map((i) => stock.get(i.id) ?? 0).join(',');
  const memo = overlays.get(cached);
  if (memo?.counts === counts) return memo.value as V;
  const value = { ...cached, items: cached.items.map((item) => ({ ...item, stock: stock.get(item.id) ?? 0 })) };
  overlays.set(cached, { counts, value });
  return value;
}
