/**
 * A browsing crowd alone, then the same crowd while buyers place and cancel orders: an order must
 * not slow browsing down (no cached entry is retired by a sale). Reports the crowd's throughput
 * and p99 both ways and their ratios.
 *   BENCH_ONLY=mixed npm run bench   (MIXED_CROWD_RATE, MIXED_ORDERS_PER_SECOND, MIXED_SECONDS)
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import postgres from 'postgres';
import {
  addToCart,
  benchDatabaseUrl,
  percentile,
  placeOrder,
  setStock,
  signedInBuyers,
  type Buyer,
} from './buyers';
import type { BenchContext } from './scenarios';

const CROWD_RATE = Number(process.env.MIXED_CROWD_RATE ?? 500);
const ORDERS_PER_SECOND = Number(process.env.MIXED_ORDERS_PER_SECOND ?? 5);
const SECONDS = Number(process.env.MIXED_SECONDS ?? 10);
const CONNECTIONS = 50;

type Crowd = {
  rps: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
  sent: number;
};

/** Listings, product pages and the product API, at a fixed offered rate. */
async function crowd(baseUrl: string, slugs: string[]): Promise<Crowd> {
  const paths = slugs.flatMap((slug, i) => [
    `/products/${slug}`,
    `/api/v1/products/${slug}`,
    `/api/v1/products?sort=${['rating', 'price_asc', 'newest', 'best_selling'][i % 4]}&page=${(i % 5) + 1}`,
  ]);
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    overallRate: CROWD_RATE,
    duration: SECONDS,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    sent: result.requests.sent,
  };
}

/** Each tick a buyer adds their game, orders it and cancels the order (stock comes back). */
async function buyersAtRate(
  baseUrl: string,
  buyers: Buyer[],
  games: string[],
  until: number,
  run: string,
) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const cycles: Promise<void>[] = [];
  let n = 0;
  while (Date.now() < until) {
    const i = n++;
    const buyer = buyers[i % buyers.length]!;
    cycles.push(
      (async () => {
        try {
          await addToCart(baseUrl, buyer, games[i % buyers.length]!);
          const t0 = performance.now();
          const placed = await placeOrder(baseUrl, buyer, `mixed-${run}-${i}`);
          latencies.push(performance.now() - t0);
          statuses.set(placed.status, (statuses.get(placed.status) ?? 0) + 1);
          if (placed.id) {
            await fetch(`${baseUrl}/api/v1/orders/${placed.id}/cancel`, {
              method: 'POST',
              headers: { cookie: buyer.cookie, origin: baseUrl, 'x-forwarded-for': buyer.ip },
            });
          }
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        }
      })(),
    );
    await new Promise((r) => setTimeout(r, 1000 / ORDERS_PER_SECOND));
  }
  await Promise.all(cycles);
  return { latencies: latencies.sort((a, b) => a - b), statuses };
}

export async function mixed({ baseUrl, report }: BenchContext): Promise<void> {
  const sql = postgres(benchDatabaseUrl(), { max: 2, onnotice: () => {} });
  try {
    const run = randomBytes(3).toString('hex');
    const slugs = (
      await sql<{ slug: string }[]>`
      select slug from products where archived_at is null order by rating desc, slug limit 60`
    ).map((r) => r.slug);
    const games = (
      await sql<{ id: string }[]>`
      select id from products where archived_at is null order by slug desc limit 40`
    ).map((r) => r.id);
    await setStock(sql, games, 100);
    const buyers = await signedInBuyers(sql, baseUrl, `mixed-${run}`, games.length);

    await crowd(baseUrl, slugs); // warm pages, entries and counters
    const alone = await crowd(baseUrl, slugs);
    const [withBuyers, orders] = await Promise.all([
      crowd(baseUrl, slugs),
      buyersAtRate(baseUrl, buyers, games, Date.now() + SECONDS * 1000, run),
    ]);
    const placed = orders.statuses.get(201) ?? 0;
    report('mixed: browsing crowd with and without buyers', {
      'offered crowd req/s': CROWD_RATE,
      'crowd alone req/s': Math.round(alone.rps),
      'crowd alone p99 ms': alone.p99,
      'crowd with buyers req/s': Math.round(withBuyers.rps),
      'crowd with buyers p99 ms': withBuyers.p99,
      'throughput ratio (with ÷ alone)': (withBuyers.rps / alone.rps).toFixed(2),
      'p99 ratio (with ÷ alone)': (withBuyers.p99 / Math.max(1, alone.p99)).toFixed(2),
      'crowd errors alone / with': `${alone.errors} / ${withBuyers.errors}`,
      'crowd non-2xx alone / with': `${alone.non2xx} / ${withBuyers.non2xx}`,
      'orders placed': placed,
      'orders per second': (placed / SECONDS).toFixed(1),
      'order statuses': [...orders.statuses].map(([s, c]) => `${s}×${c}`).join(' '),
      'order p50 ms': Math.round(percentile(orders.latencies, 50)),
      'order p99 ms': Math.round(percentile(orders.latencies, 99)),
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
