/**
 * Stock is kept per sellable unit: an edition (a game on one platform, delivered one way). Every
 * key, gate and invalidation below speaks of units, never of products.
 */
export type UnitId = string;

/** The Redis counter of units left: what the sale gate takes from and what shoppers are shown. */
export const counterKey = (unit: UnitId) => `stock:unit:${unit}`;

/**
 * How long a counter lives before it is rebuilt from PostgreSQL. Counters are kept in step by
 * every order, cancellation, expiry, refund and adjustment; the lifetime only bounds how long a
 * step lost in a crash (a unit taken at the gate whose order never ran) can skew them.
 */
export const COUNTER_TTL_SECONDS = 60;

/** One change of a unit's stock, as PostgreSQL committed it. */
export type StockMove = { unit: UnitId; delta: number; stockAfter: number };
