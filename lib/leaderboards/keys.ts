/** Daily sales buckets kept: the 7-day board needs seven, the rest is slack for late jobs. */
export const DAYS_KEPT = 9;
export const DAY_BUCKET_TTL_SECONDS = DAYS_KEPT * 24 * 3600;
const SEVEN_DAYS = 7;

export const keys = {
  topSellers: 'lb:top-sellers',
  salesDay: (day: string) => `lb:sales:${day}`,
  mostViewed: 'lb:most-viewed',
  topRated: (genre: string) => `lb:top-rated:${genreKey(genre)}`,
  /** Present once the boards were built from Postgres; gone after Redis lost its data. */
  built: 'lb:built',
  rebuildLock: 'lb:rebuild-lock',
  /** Claimed once an order's units of a game are on the boards (the record_sale job in lib/leaderboards/jobs.ts). */
  saleRecorded: (orderId: string, productId: string) =>
    `arcade:sale-recorded:${orderId}:${productId}`,
  /** Claimed once a refunded order's units of a game are taken off the boards. */
  refundRecorded: (orderId: string, productId: string) =>
    `arcade:refund-recorded:${orderId}:${productId}`,
};

/** How long the sale and refund markers live: as long as the record_sale job keeps its own. */
export const SALE_MARKER_TTL_SECONDS = 30 * 24 * 3600;

/** "Role Playing" → "role-playing": how a genre appears in board names and keys. */
export function genreKey(genre: string): string {
  return genre
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The UTC day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Today and the six days before it (UTC), newest first. */
export function lastSevenDays(now: Date = new Date()): string[] {
  return Array.from({ length: SEVEN_DAYS }, (_, i) =>
    utcDay(new Date(now.getTime() - i * 86_400_000)),
  );
}
