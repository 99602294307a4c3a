/**
 * Flash sale: one game with 100 units and 2,000 signed-in buyers with the game in their cart, all
 * checking out within about a second. Correct means exactly 100 orders, no unit sold twice, no
 * 5xx; fast means buyers beyond the stock are refused at the gate (median refusal) and every
 * answer comes quickly (p99).
 *   BENCH_ONLY=flash-sale npm run bench   (FLASH_BUYERS, FLASH_STOCK, FLASH_ARRIVAL_MS)
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

const BUYERS = Number(process.env.FLASH_BUYERS ?? 2000);
const STOCK = Number(process.env.FLASH_STOCK ?? 100);
/** Buyers arrive spread evenly over this window, as a crowd released by a countdown does. */
const ARRIVAL_MS = Number(process.env.FLASH_ARRIVAL_MS ?? 1000);

export async function flashSale({ baseUrl, report }: BenchContext): Promise<void> {
  const sql = postgres(benchDatabaseUrl(), { max: 4, onnotice: () => {} });
  try {
    const run = randomBytes(3).toString('hex');
    const [product] = await sql<{ id: string }[]>`
      select id from products where archived_at is null order by slug limit 1`;
    if (!product) throw new Error('flash-sale: the bench database has no products');
    // Plenty of units while carts fill (adding checks stock), then the sale's stock.
    await setStock(sql, [product.id], BUYERS, 'exactly');

    const buyers = await signedInBuyers(sql, baseUrl, `flash-${run}`, BUYERS);
    await inBatches(buyers, 16, (buyer) => addToCart(baseUrl, buyer, product.id));
    const [edition] = await setStock(sql, [product.id], STOCK, 'exactly');

    const { checkouts, seconds } = await checkoutsOnSchedule(
      baseUrl,
      buyers,
      (i) => `flash-${run}-${i}`,
      (i) => (i * ARRIVAL_MS) / BUYERS,
    );
    const statuses = tally(checkouts);

    // Only this sale's buyers: earlier scenarios may have sold the same game.
    const [sold] = await sql<{ orders: number; units: number; stock: number }[]>`
      select count(distinct oi.order_id)::int as orders, coalesce(sum(oi.quantity), 0)::int as units,
             (select stock from editions where id = ${edition!}) as stock
      from order_items oi join orders o on o.id = oi.order_id join users u on u.id = o.user_id
      where oi.edition_id = ${edition!} and u.email like ${`buyer-flash-${run}-%`}`;
    const all = latenciesOf(checkouts);
    const placed = latenciesOf(checkouts, (s) => s === 201);
    const refused = latenciesOf(checkouts, (s) => s !== 201);
    const fiveXx = [...statuses]
      .filter(([s]) => s >= 500 || s === 0)
      .reduce((n, [, c]) => n + c, 0);
    report('flash-sale', {
      buyers: BUYERS,
      stock: STOCK,
      'arrivals spread over ms': ARRIVAL_MS,
      'orders made': sold!.orders,
      'orders 201': statuses.get(201) ?? 0,
      'refused 409': statuses.get(409) ?? 0,
      oversell: Math.max(0, sold!.units - STOCK),
      'stock left': sold!.stock,
      '5xx or failed': fiveXx,
      'all answers p50 ms': Math.round(percentile(all, 50)),
      'all answers p99 ms': Math.round(percentile(all, 99)),
      'orders p99 ms': Math.round(percentile(placed, 99)),
      'refusals p50 ms': Math.round(percentile(refused, 50)),
      'checkouts/s': Math.round(BUYERS / seconds),
      verdict: sold!.orders === STOCK && sold!.units === STOCK && fiveXx === 0 ? 'ok' : 'FAILED',
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
