/**
 * Orders at a fixed offered rate: each order by its own signed-in buyer, each for its own game, so
 * what is measured is the order path itself (session, gate, transaction), not a race for stock.
 *   BENCH_ONLY=orders npm run bench   (ORDERS_RATE, ORDERS_SECONDS)
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import {
  addToCart,
  benchDatabaseUrl,
  checkoutsOnSchedule,
  inBatches,
  latenciesOf,
  percentile,
  setStock,
  signedInBuyers,
  tally,
} from './buyers';
import type { BenchContext } from './scenarios';

const RATE = Number(process.env.ORDERS_RATE ?? 150);
const SECONDS = Number(process.env.ORDERS_SECONDS ?? 3);

export async function orders({ baseUrl, report }: BenchContext): Promise<void> {
  const sql = postgres(benchDatabaseUrl(), { max: 2, onnotice: () => {} });
  try {
    const run = randomBytes(3).toString('hex');
    const count = Math.round(RATE * SECONDS);
    const games = (
      await sql<{ id: string }[]>`
      select id from products where archived_at is null order by slug limit ${count}`
    ).map((r) => r.id);
    if (games.length < count)
      throw new Error(`orders: the catalog has ${games.length} games, ${count} needed`);
    await setStock(sql, games, 10);
    const buyers = await signedInBuyers(sql, baseUrl, `orders-${run}`, count);
    await inBatches(buyers, 8, (buyer, i) => addToCart(baseUrl, buyer, games[i]!));

    const { checkouts, seconds } = await checkoutsOnSchedule(
      baseUrl,
      buyers,
      (i) => `orders-${run}-${i}`,
      (i) => (i * 1000) / RATE,
    );
    const statuses = tally(checkouts);
    const latencies = latenciesOf(checkouts);
    const placed = statuses.get(201) ?? 0;
    report('orders: distinct games, one buyer each', {
      'offered orders/s': RATE,
      orders: count,
      placed,
      // Every order placed within the offer window plus its own answer time: the rate is sustained.
      'offer window s': SECONDS,
      'all answered after s': seconds.toFixed(2),
      'placed/s (over the offer window)': (placed / SECONDS).toFixed(1),
      statuses: [...statuses].map(([s, c]) => `${s}×${c}`).join(' '),
      'p50 ms': Math.round(percentile(latencies, 50)),
      'p99 ms': Math.round(percentile(latencies, 99)),
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
