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

const entries = new WeakMap<object, { counts: string; value: unknown }>();

/**
 * A cached list (a board, a shelf) or a single cached game with live stock: the same object
 * back while its counts stand still, so a hot response is built and compressed once per change.
 */
export async function withLiveList<T extends Stocked>(cached: readonly T[]): Promise<T[]> {
  if (!cached.length) return [];
  const stock = await liveStock(cached.map((i) => i.id));
  const counts = cached.map((i) => stock.get(i.id) ?? 0).join(',');
  const memo = entries.get(cached);
  if (memo?.counts === counts) return memo.value as T[];
  const value = cached.map((item) => ({ ...item, stock: stock.get(item.id) ?? 0 }));
  entries.set(cached, { counts, value });
  return value;
}

export async function withLiveEntry<T extends Stocked>(cached: T): Promise<T> {
  const [live] = await withLiveList(liveListOf(cached));
  return live!;
}

/** One stable one-item list per cached game, so `withLiveList` can remember its live copy. */
const singles = new WeakMap<object, readonly Stocked[]>();
function liveListOf<T extends Stocked>(cached: T): T[] {
  let list = singles.get(cached);
  if (!list) {
    list = [cached];
    singles.set(cached, list);
  }
  return list as T[];
}
