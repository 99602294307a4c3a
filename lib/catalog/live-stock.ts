import 'server-only';
import { liveStock } from '@/lib/stock';
import type { EditionSummary } from './types';

type Stocked = {
  id: string;
  stock: number;
  countedEditionIds: string[];
  editions?: EditionSummary[];
};

const lists = new WeakMap<object, { counts: string; value: unknown }>();

/** An edition as the shopper sees it now: live units, and whether it can be bought. */
function liveEdition(edition: EditionSummary, stock: Map<string, number>): EditionSummary {
  if (edition.stock === null) return { ...edition, available: true };
  const left = stock.get(edition.id) ?? 0;
  return { ...edition, stock: left, available: left > 0 };
}

/**
 * Cached catalog entries never carry live stock: every read lays the units left over them from
 * the per-edition counters (a game shows the sum of its editions), so an order changes what
 * shoppers see without retiring any entry. The same array comes back while the counts stand
 * still, so a hot response is built once per change of stock, not once per request.
 */
export async function withLiveStock<T extends Stocked>(cached: readonly T[]): Promise<T[]> {
  if (!cached.length) return [];
  const stock = await liveStock(cached.flatMap((i) => i.countedEditionIds));
  const totals = cached.map((i) =>
    i.countedEditionIds.reduce((n, id) => n + (stock.get(id) ?? 0), 0),
  );
  const counts = cached
    .map((i) => i.countedEditionIds.map((id) => stock.get(id) ?? '-').join(':'))
    .join(',');
  const memo = lists.get(cached);
  if (memo?.counts === counts) return memo.value as T[];
  const value = cached.map((item, i) => {
    const live = { ...item, stock: totals[i]! };
    if (item.editions) live.editions = item.editions.map((e) => liveEdition(e, stock));
    return live;
  });
  lists.set(cached, { counts, value });
  return value;
}

/** One stable one-item list per cached game, so its live copy is remembered like a list's. */
const singles = new WeakMap<object, readonly Stocked[]>();

/** A single cached game with live stock (the same object while its count stands still). */
export async function withLiveEntry<T extends Stocked>(cached: T): Promise<T> {
  let list = singles.get(cached);
  if (!list) {
    list = [cached];
    singles.set(cached, list);
  }
  const [live] = await withLiveStock(list as T[]);
  return live!;
}

const pages = new WeakMap<object, object>();

/** `{ ...cached, items }` with live stock: the same object while the items' counts stand still. */
export async function withLiveItems<V extends { items: Stocked[] }>(cached: V): Promise<V> {
  if (!cached.items.length) return cached;
  const items = await withLiveStock(cached.items);
  let page = pages.get(items) as V | undefined;
  if (!page) {
    page = { ...cached, items };
    pages.set(items, page);
  }
  return page;
}
