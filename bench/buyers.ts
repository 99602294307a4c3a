/**
 * Signed-in buyers for the order scenarios: accounts go straight into the database (hashing
 * thousands of passwords through the API would measure logins, not orders), signing in and
 * filling carts go through the real API, as a shopper's browser would.
 */
import bcrypt from 'bcryptjs';
import { Redis } from 'ioredis';
import type postgres from 'postgres';

const PASSWORD = 'bench-buyer-password-1';
/** Below the hash pool's queue limit: logins must not be refused while preparing. */
const LOGIN_CONCURRENCY = 8;

export type Buyer = { index: number; cookie: string; ip: string };

export const clientIp = (i: number) => `10.77.${(i >> 8) & 255}.${i & 255}`;

export function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(
    process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  url.pathname = '/arcade_bench';
  return url.toString();
}

/** Runs `fn` over `items` with at most `size` at a time. */
export async function inBatches<T>(
  items: T[],
  size: number,
  fn: (item: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Creates `count` accounts named after `run` and signs each in; returns their cookies. */
export async function signedInBuyers(
  sql: postgres.Sql,
  baseUrl: string,
  run: string,
  count: number,
): Promise<Buyer[]> {
  const hash = await bcrypt.hash(PASSWORD, Number(process.env.BCRYPT_COST ?? 10));
  const emails = Array.from({ length: count }, (_, i) => `buyer-${run}-${i}@bench.test`);
  for (let i = 0; i < emails.length; i += 500) {
    const rows = emails
      .slice(i, i + 500)
      .map((email, j) => ({ email, name: `Bench buyer ${i + j}`, password_hash: hash }));
    await sql`insert into users ${sql(rows)}`;
  }
  const buyers: Buyer[] = new Array(count);
  await inBatches(emails, LOGIN_CONCURRENCY, async (email, i) => {
    const ip = clientIp(i);
    let res: Response;
    // A busy hash pool answers 503 at once; a client tries again shortly, as a browser's user would.
    for (let attempt = 0; ; attempt++) {
      res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (res.status !== 503 || attempt >= 100) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!res.ok) throw new Error(`bench: login ${i} answered ${res.status}`);
    buyers[i] = {
      index: i,
      ip,
      cookie: res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    };
  });
  return buyers;
}

/** Puts one unit of a game in the buyer's cart through the API. */
export async function addToCart(baseUrl: string, buyer: Buyer, productId: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/cart/items`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: buyer.cookie,
      origin: baseUrl,
      'x-forwarded-for': buyer.ip,
    },
    body: JSON.stringify({ productId, quantity: 1 }),
  });
  if (res.status !== 201)
    throw new Error(`bench: add to cart answered ${res.status}: ${await res.text()}`);
}

export const ORDER_BODY = JSON.stringify({
  billingCountry: 'US',
  shippingAddress: {
    name: 'Bench Buyer',
    line1: '1 Rush Street',
    city: 'Queueville',
    postalCode: '10001',
    country: 'US',
  },
  paymentMethod: 'card',
});

/** Places the buyer's cart as an order; answers the status and, when placed, the order id. */
export async function placeOrder(
  baseUrl: string,
  buyer: Buyer,
  key: string,
): Promise<{ status: number; id?: string }> {
  const res = await fetch(`${baseUrl}/api/v1/orders`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: buyer.cookie,
      origin: baseUrl,
      'idempotency-key': key,
      'x-forwarded-for': buyer.ip,
    },
    body: ORDER_BODY,
  });
  const body = (await res.json().catch(() => ({}))) as { order?: { id: string } };
  return { status: res.status, id: body.order?.id };
}

/**
 * Sets the stock of these games' first editions (the one a cart add that names only the game
 * takes) straight in the database (to `units`, or to at least `units`), then drops their stock
 * counters so the shop rebuilds them from PostgreSQL: stock set behind the shop's back is
 * otherwise seen only when a counter expires. Returns the editions' ids.
 */
export async function setStock(
  sql: postgres.Sql,
  ids: string[],
  units: number,
  mode: 'exactly' | 'at-least' = 'at-least',
): Promise<string[]> {
  const editions = await sql<{ id: string }[]>`
    update editions e set stock = ${mode === 'exactly' ? sql`${units}` : sql`greatest(coalesce(e.stock, 0), ${units})`}
    where e.id in (
      select distinct on (product_id) id from editions
      where product_id = any(${ids}) and archived_at is null
      order by product_id, position, name
    )
    returning e.id`;
  const redis = new Redis(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11', {
    maxRetriesPerRequest: 1,
  });
  try {
    if (editions.length) await redis.del(...editions.map((e) => `stock:unit:${e.id}`));
  } finally {
    redis.disconnect();
  }
  return editions.map((e) => e.id);
}

export type Checkout = { status: number; ms: number };

/**
 * Each buyer places their cart as an order at `startsAt(i)` ms after the start, whatever the
 * answers before (an open loop, as a crowd arrives); status 0 when no answer came.
 */
export async function checkoutsOnSchedule(
  baseUrl: string,
  buyers: Buyer[],
  keyOf: (i: number) => string,
  startsAt: (i: number) => number,
): Promise<{ checkouts: Checkout[]; seconds: number }> {
  const started = performance.now();
  const checkouts = await Promise.all(
    buyers.map(async (buyer, i): Promise<Checkout> => {
      const wait = started + startsAt(i) - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      const status = await placeOrder(baseUrl, buyer, keyOf(i)).then(
        (r) => r.status,
        () => 0,
      );
      return { status, ms: performance.now() - t0 };
    }),
  );
  return { checkouts, seconds: (performance.now() - started) / 1000 };
}

/** How many answers had each status. */
export function tally(checkouts: Checkout[]): Map<number, number> {
  const statuses = new Map<number, number>();
  for (const { status } of checkouts) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  return statuses;
}

/** Latencies of the checkouts that pass `test`, sorted. */
export const latenciesOf = (
  checkouts: Checkout[],
  test: (status: number) => boolean = () => true,
) =>
  checkouts
    .filter((c) => test(c.status))
    .map((c) => c.ms)
    .sort((a, b) => a - b);
