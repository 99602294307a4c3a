import 'server-only';
import { CATALOG_TAGS, invalidateCatalogTags } from '@/lib/cache';
import { withKv } from '@/lib/kv';
import { log } from '@/lib/log';
import { counterKey, type StockMove, type UnitId } from './keys';
import { forgetLocalStock } from './live';
import { forgetSoldOut, giveBack, markUnsynced } from './gate';

export { COUNTER_TTL_SECONDS, counterKey, type StockMove, type UnitId } from './keys';
export { liveStock, forgetLocalStock, resetLiveStockForTests } from './live';
export { GatePass, outOfStock, passStockGate, markUnsynced, type GateLine } from './gate';
export { stockFromDb } from './source';

/**
 * How PostgreSQL moved the units: `sold` by an order that passed the gate (its counter already
 * moved), `released` back to the shelf by a cancellation, expiry or refund, `adjusted` by staff.
 */
export type MoveKind = 'sold' | 'released' | 'adjusted';

/** A unit sold out, or came back: listings filtered to games in stock change members. */
function crossedZero(move: StockMove): boolean {
  const before = move.stockAfter - move.delta;
  return before > 0 !== move.stockAfter > 0;
}

/**
 * Call after PostgreSQL committed stock moves. The counters follow (released units go back,
 * adjusted counters are rebuilt from PostgreSQL), and only listings filtered to games in stock
 * are retired, only when a unit sold out or came back: no other cached entry or page shows stock.
 * Never throws: the moves are committed, and a counter that missed one is rebuilt later.
 */
export async function stockMoved(kind: MoveKind, moves: readonly StockMove[]): Promise<void> {
  if (!moves.length) return;
  const units = moves.map((m) => m.unit);
  forgetLocalStock(units);
  try {
    if (kind === 'released') await giveBack(moves.map((m) => [m.unit, m.delta]));
    if (kind === 'adjusted') await dropCounters(units);
    if (moves.some(crossedZero)) await invalidateCatalogTags([CATALOG_TAGS.inStock]);
  } catch (err) {
    log.warn({ err, kind }, 'stock counters or listings could not follow a stock change');
  }
}

/** Staff changed the truth: the counters are rebuilt from it on the next read. */
async function dropCounters(units: UnitId[]): Promise<void> {
  forgetSoldOut(units);
  await withKv<unknown>(
    (kv) => kv.del(...units.map(counterKey)),
    () => markUnsynced(units),
  );
}
