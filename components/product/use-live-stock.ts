'use client';

import { useQuery } from '@tanstack/react-query';

/** Ids asked for within this window go out as one request. */
const BATCH_MS = 10;
const MAX_IDS = 100;

type Waiter = { resolve: (stock: number | null) => void; reject: (err: unknown) => void };
let waiting = new Map<string, Waiter[]>();
let timer: ReturnType<typeof setTimeout> | null = null;

async function flush(): Promise<void> {
  const batch = waiting;
  waiting = new Map();
  timer = null;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const chunk = ids.slice(i, i + MAX_IDS);
    try {
      const res = await fetch(`/api/v1/stock?ids=${chunk.join(',')}`, { cache: 'no-store' });
      if (!res.ok) throw new Error(`stock request answered ${res.status}`);
      const { stock } = (await res.json()) as { stock: Record<string, number> };
      for (const id of chunk) for (const w of batch.get(id) ?? []) w.resolve(stock[id] ?? null);
    } catch (err) {
      for (const id of chunk) for (const w of batch.get(id) ?? []) w.reject(err);
    }
  }
}

/** Units left of one edition, fetched together with every other card's on the page. */
function requestStock(id: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    waiting.set(id, [...(waiting.get(id) ?? []), { resolve, reject }]);
    timer ??= setTimeout(() => void flush(), BATCH_MS);
  });
}

/**
 * Live units left of each edition asked for (an edition that never runs out is left out). Cached
 * pages carry no stock: this asks the shop's stock endpoint once per page (every card's editions
 * in one request).
 */
export function useLiveEditionStock(
  countedEditionIds: readonly string[],
): Record<string, number> | undefined {
  const query = useQuery({
    queryKey: ['stock', ...countedEditionIds],
    queryFn: async () => {
      const counts = await Promise.all(countedEditionIds.map((id) => requestStock(id)));
      return Object.fromEntries(
        countedEditionIds.flatMap((id, i) => (counts[i] === null ? [] : [[id, counts[i]!]])),
      );
    },
    enabled: countedEditionIds.length > 0,
    staleTime: 1000,
  });
  return query.data;
}

/**
 * Live units left of a game: the sum over its editions. `fresh` is a count the page already got
 * live (a listing from the API) and is used as is for a second.
 */
export function useLiveStock(
  countedEditionIds: readonly string[],
  fresh?: number,
): number | undefined {
  const query = useQuery({
    queryKey: ['stock-total', ...countedEditionIds],
    queryFn: async () => {
      const counts = await Promise.all(countedEditionIds.map((id) => requestStock(id)));
      return counts.reduce<number>((n, c) => n + (c ?? 0), 0);
    },
    initialData: fresh,
    initialDataUpdatedAt: fresh === undefined ? undefined : () => Date.now(),
    enabled: countedEditionIds.length > 0,
    staleTime: 1000,
  });
  return query.data ?? undefined;
}
