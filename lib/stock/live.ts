import 'server-only';
import { withKv } from '@/lib/kv';
import { COUNTER_TTL_SECONDS, counterKey, type UnitId } from './keys';
import { stockFromDb } from './source';

/**
 * How long this process reuses a unit's count before asking Redis again: shoppers see "Only 3
 * left" and "Out of stock" at most this late, on every instance.
 */
const LOCAL_MS = 500;
const LOCAL_MAX = 20_000;

type Seen = { stock: number; at: number };
const seen = new Map<UnitId, Seen>();

/** Units asked for in one turn of the event loop, fetched together in one round trip. */
let batch: { units: Set<UnitId>; done: Promise<Map<UnitId, number>> } | null = null;

/**
 * Units left per unit, live: this process's copy when under half a second old, else the Redis
 * counters (one MGET shared by every request in the same tick), rebuilt from PostgreSQL when
 * missing. Redis down: PostgreSQL, still shared per tick. Unknown units are left out.
 */
export async function liveStock(units: Iterable<UnitId>): Promise<Map<UnitId, number>> {
  const now = Date.now();
  const result = new Map<UnitId, number>();
  const missing: UnitId[] = [];
  for (const unit of new Set(units)) {
    const copy = seen.get(unit);
    if (copy && now - copy.at < LOCAL_MS) result.set(unit, copy.stock);
    else missing.push(unit);
  }
  if (!missing.length) return result;
  const fetched = await fetchInBatch(missing);
  for (const unit of missing) {
    const stock = fetched.get(unit);
    if (stock !== undefined) result.set(unit, stock);
  }
  return result;
}

function fetchInBatch(units: UnitId[]): Promise<Map<UnitId, number>> {
  if (!batch) {
    const current = {
      units: new Set<UnitId>(),
      done: null as unknown as Promise<Map<UnitId, number>>,
    };
    current.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      batch = null;
      return fetchCounters([...current.units]);
    });
    batch = current;
  }
  for (const unit of units) batch.units.add(unit);
  return batch.done;
}

async function fetchCounters(units: UnitId[]): Promise<Map<UnitId, number>> {
  const counted = await withKv(
    (kv) => kv.mget<number>(...units.map(counterKey)),
    () => null,
  );
  const found = new Map<UnitId, number>();
  if (counted === null) {
    // Redis down: PostgreSQL answers, and this process's copy spares it a query per request.
    const fromDb = await stockFromDb(units);
    remember(fromDb);
    return fromDb;
  }
  const absent: UnitId[] = [];
  units.forEach((unit, i) => {
    const value = counted[i];
    if (value === null || value === undefined) absent.push(unit);
    else found.set(unit, Math.max(0, Number(value)));
  });
  if (absent.length) {
    const fromDb = await stockFromDb(absent);
    await seedCounters(fromDb);
    for (const [unit, stock] of fromDb) found.set(unit, stock);
  }
  remember(found);
  return found;
}

/** Rebuilds missing counters from PostgreSQL; a counter another request rebuilt first is kept. */
export async function seedCounters(stock: Map<UnitId, number>): Promise<void> {
  if (!stock.size) return;
  await withKv(
    async (kv) => {
      const pipeline = kv.pipeline();
      for (const [unit, units] of stock)
        pipeline.set(counterKey(unit), units, { nx: true, ex: COUNTER_TTL_SECONDS });
      await pipeline.exec();
    },
    () => undefined,
  );
}

function remember(stock: Map<UnitId, number>): void {
  if (seen.size > LOCAL_MAX) seen.clear();
  const at = Date.now();
  for (const [unit, units] of stock) seen.set(unit, { stock: units, at });
}

/** This process saw the units move: its next read asks Redis. */
export function forgetLocalStock(units: Iterable<UnitId>): void {
  for (const unit of units) seen.delete(unit);
}

/** Tests start from an empty copy. */
export function resetLiveStockForTests(): void {
  seen.clear();
  batch = null;
}
