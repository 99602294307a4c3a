import 'server-only';
import type { DbOrTx } from '@/db/client';
import { ConflictError } from '@/lib/errors';
import { kvAvailable, withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { log } from '@/lib/log';
import { COUNTER_TTL_SECONDS, counterKey, type UnitId } from './keys';
import { forgetLocalStock } from './live';
import { stockFromDb } from './source';

export type GateLine = { unit: UnitId; quantity: number; title: string };

/** The shopper-facing refusal for a line stock cannot cover; the same words the order uses. */
export function outOfStock(line: Pick<GateLine, 'unit' | 'title'>, left: number): ConflictError {
  return new ConflictError(
    left > 0
      ? `Only ${left} of ${line.title} left; lower the quantity in your cart.`
      : `${line.title} is out of stock.`,
    { [line.unit]: [left > 0 ? 'insufficient_stock' : 'out_of_stock'] },
  );
}

type Taken = 'taken' | 'refused' | 'unknown';

/**
 * Takes `quantity` off the unit's counter, never below zero. A missing counter is rebuilt from
 * PostgreSQL first; a counter that vanishes again is left to PostgreSQL ('unknown').
 */
async function takeFromCounter(
  kv: Kv,
  unit: UnitId,
  quantity: number,
  db?: DbOrTx,
): Promise<Taken> {
  const key = counterKey(unit);
  let left = await kv.decrbyIfAtLeast(key, quantity);
  if (left === null) {
    const stock = (await stockFromDb([unit], db)).get(unit) ?? 0;
    await kv.set(key, stock, { nx: true, ex: COUNTER_TTL_SECONDS });
    left = await kv.decrbyIfAtLeast(key, quantity);
  }
  if (left === null) return 'unknown';
  return left < 0 ? 'refused' : 'taken';
}

/**
 * What a buyer took at the gate, to give back if the order does not commit. An open pass (Redis
 * down, or nothing to take) holds nothing: PostgreSQL's conditional decrement decides alone.
 */
export class GatePass {
  private constructor(
    private readonly taken: Map<UnitId, number>,
    /** False when the gate did not run (Redis down): nothing to keep in step. */
    private readonly active: boolean,
  ) {}

  static open(): GatePass {
    return new GatePass(new Map(), false);
  }

  static holding(taken: Map<UnitId, number>): GatePass {
    return new GatePass(taken, true);
  }

  /** Whether the gate ran: false when Redis was down and PostgreSQL decided alone. */
  get gated(): boolean {
    return this.active;
  }

  /** Units held per unit. */
  get held(): ReadonlyMap<UnitId, number> {
    return this.taken;
  }

  /** Gives back every unit taken; safe to call more than once. */
  async release(): Promise<void> {
    if (!this.taken.size) return;
    const taken = [...this.taken];
    this.taken.clear();
    await giveBack(taken);
  }

  /**
   * The order's lines as PostgreSQL has them, when they differ from the lines the gate was
   * passed with (the cart changed meanwhile): gives back what is no longer ordered and takes
   * what is missing, refusing as the gate does.
   */
  async reconcile(lines: readonly GateLine[], tx?: DbOrTx): Promise<void> {
    if (!this.active) return;
    const wanted = new Map(lines.map((l) => [l.unit, l.quantity]));
    const surplus: Array<[UnitId, number]> = [];
    for (const [unit, quantity] of this.taken) {
      const need = wanted.get(unit) ?? 0;
      if (need >= quantity) continue;
      surplus.push([unit, quantity - need]);
      if (need > 0) this.taken.set(unit, need);
      else this.taken.delete(unit);
    }
    await giveBack(surplus);
    const short = lines
      .map((l) => ({ ...l, quantity: l.quantity - (this.taken.get(l.unit) ?? 0) }))
      .filter((l) => l.quantity > 0);
    if (!short.length) return;
    const more = await passStockGate(short, tx);
    for (const [unit, quantity] of more.held)
      this.taken.set(unit, (this.taken.get(unit) ?? 0) + quantity);
  }
}

/**
 * Puts units back on their counters (kept only where a counter exists: a missing one is rebuilt
 * from PostgreSQL, which already holds them). What gave them back: a gate pass whose order did
 * not commit, or a cancellation, expiry or refund.
 */
export async function giveBack(units: Array<[UnitId, number]>): Promise<void> {
  if (!units.length) return;
  forgetLocalStock(units.map(([unit]) => unit));
  forgetSoldOut(units.map(([unit]) => unit));
  await withKv(
    async (kv) => {
      await Promise.all(
        units.map(([unit, quantity]) => kv.incrbyIfExists(counterKey(unit), quantity)),
      );
    },
    () => {
      // The counters now show fewer units than PostgreSQL holds until they are rebuilt.
      log.warn({ units: units.length }, 'could not give units back to their stock counters');
      markUnsynced(units.map(([unit]) => unit));
    },
  );
}

/**
 * The flash-sale gate in front of the order transaction: takes each line's units off its Redis
 * counter atomically, never below zero, so buyers beyond the stock are refused here, without a
 * query. PostgreSQL's conditional decrement stays the guarantee; this only keeps the crowd off it.
 * Redis down: an open pass, and PostgreSQL alone sells (correctly, more slowly).
 */
export async function passStockGate(lines: readonly GateLine[], db?: DbOrTx): Promise<GatePass> {
  if (!kvAvailable()) return GatePass.open();
  const soldOut = lines.find((l) => knownSoldOut(l.unit));
  if (soldOut) throw outOfStock(soldOut, 0);
  // Nothing to take yet, but the pass stays active: the transaction may find lines the copy lacked.
  if (!lines.length) return GatePass.holding(new Map());
  const ordered = [...lines].sort((a, b) => a.unit.localeCompare(b.unit));
  const taken = new Map<UnitId, number>();
  type Outcome = { refused: GateLine; left: number } | 'passed' | 'down';
  const outcome = await withKv<Outcome>(
    async (kv) => {
      await resyncCounters(kv);
      for (const line of ordered) {
        const result = await takeFromCounter(kv, line.unit, line.quantity, db);
        if (result === 'refused') {
          const left = Math.max(0, Number((await kv.get<number>(counterKey(line.unit))) ?? 0));
          return { refused: line, left };
        }
        if (result === 'taken') taken.set(line.unit, line.quantity);
      }
      return 'passed';
    },
    () => 'down',
  ).catch(async (err: unknown) => {
    await giveBack([...taken]);
    throw err;
  });
  if (outcome === 'passed') return GatePass.holding(taken);
  await giveBack([...taken]);
  if (outcome === 'down') return GatePass.open();
  if (outcome.left === 0) soldOutAt.set(outcome.refused.unit, Date.now());
  throw outOfStock(outcome.refused, outcome.left);
}

/**
 * Units this process just saw sold out, and when. In a flash sale thousands of buyers arrive
 * after the last unit went; for half a second each is refused from this memory, without a round
 * trip. Units given back on this instance are forgotten at once; on another, within that window.
 */
const soldOutAt = new Map<UnitId, number>();
const SOLD_OUT_MEMORY_MS = 500;

function knownSoldOut(unit: UnitId): boolean {
  const at = soldOutAt.get(unit);
  if (at === undefined) return false;
  if (Date.now() - at < SOLD_OUT_MEMORY_MS) return true;
  soldOutAt.delete(unit);
  return false;
}

/** Units back on the shelf (or whose count changed by hand) are no longer known sold out here. */
export function forgetSoldOut(units: Iterable<UnitId>): void {
  for (const unit of units) soldOutAt.delete(unit);
}

/** Units whose counters missed a step while Redis was unreachable: rebuilt from PostgreSQL. */
const unsynced = new Set<UnitId>();

export function markUnsynced(units: Iterable<UnitId>): void {
  for (const unit of units) unsynced.add(unit);
}

/** Drops the counters that missed a step, so the next read rebuilds them from PostgreSQL. */
export async function resyncCounters(kv: Kv): Promise<void> {
  if (!unsynced.size) return;
  const units = [...unsynced];
  unsynced.clear();
  try {
    await kv.del(...units.map(counterKey));
  } catch (err) {
    markUnsynced(units);
    throw err;
  }
}
