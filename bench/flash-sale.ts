/**
 * Flash sale: one game with 100 units, 2,000 buyers (each signed in, the game in their cart)
 * checking out at the same instant. Correct means exactly 100 orders, no unit sold twice, no 5xx.
 *   BENCH_ONLY=flash-sale npm run bench   (FLASH_BUYERS / FLASH_STOCK to change the sizes)
 */
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import postgres from 'postgres';
import type { BenchContext } from './scenarios';

const BUYERS = Number(process.env.FLASH_BUYERS ?? 2000);
const STOCK = Number(process.env.FLASH_STOCK ?? 100);
const PASSWORD = 'flash-sale-buyer-1';
/** Below the hash pool's queue limit: logins must not be refused while preparing. */
const LOGIN_CONCURRENCY = 16;

function databaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/arcade_bench';
  return url.toString();
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const clientIp = (i: number) => `10.77.${(i >> 8) & 255}.${i & 255}`;

export async function flashSale({ baseUrl, report }: BenchContext): Promise<void> {
  const sql = postgres(databaseUrl(), { max: 4, onnotice: () => {} });
  try {
    const run = randomBytes(3).toString('hex');
    const [product] = await sql<{ id: string; slug: string; price_cents: number }[]>`
      update products set stock = ${STOCK}
      where id = (select id from products where archived_at is null order by slug limit 1)
      returning id, slug, price_cents`;
    if (!product) throw new Error('flash-sale: the bench database has no products');

    // Buyers go straight into the database; logging them in goes through the real API.
    const hash = await bcrypt.hash(PASSWORD, Number(process.env.BCRYPT_COST ?? 10));
    const emails = Array.from({ length: BUYERS }, (_, i) => `flash-${run}-${i}@bench.test`);
    const users: { id: string }[] = [];
    for (let i = 0; i < emails.length; i += 500) {
      const rows = emails.slice(i, i + 500).map((email, j) => ({ email, name: `Flash buyer ${i + j}`, password_hash: hash }));
      users.push(...(await sql<{ id: string }[]>`insert into users ${sql(rows)} returning id`));
    }
    const carts = await sql<{ id: string }[]>`insert into carts ${sql(users.map((u) => ({ user_id: u.id })))} returning id`;
    await sql`insert into cart_items ${sql(carts.map((c) => ({ cart_id: c.id, product_id: product.id, quantity: 1, seen_price_cents: product.price_cents })))}`;

    const cookies: string[] = new Array(BUYERS);
    await inBatches(emails, LOGIN_CONCURRENCY, async (email, i) => {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': clientIp(i) },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`flash-sale: login ${i} answered ${res.status}`);
      cookies[i] = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    });

    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      cookies.map(async (cookie, i) => {
        const t0 = performance.now();
        let status = 0;
        try {
          const res = await fetch(`${baseUrl}/api/v1/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'idempotency-key': `flash-${run}-${i}`, 'x-forwarded-for': clientIp(i) },
            body: JSON.stringify({
              shippingAddress: { name: 'Flash Buyer', line1: '1 Rush Street', city: 'Queueville', postalCode: '10001', country: 'US' },
              paymentMethod: 'card',
            }),
          });
          status = res.status;
          await res.arrayBuffer();
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const [sold] = await sql<{ orders: number; units: number; stock: number }[]>`
      select (select count(distinct order_id)::int from order_items where product_id = ${product.id}) as orders,
             (select coalesce(sum(quantity), 0)::int from order_items where product_id = ${product.id}) as units,
             (select stock from products where id = ${product.id}) as stock`;
    latencies.sort((a, b) => a - b);
    const fiveXx = [...statuses].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
    report('flash-sale', {
      buyers: BUYERS,
      stock: STOCK,
      'orders made': sold!.orders,
      'orders 201': statuses.get(201) ?? 0,
      'refused 409': statuses.get(409) ?? 0,
      oversell: Math.max(0, sold!.units - STOCK),
      'stock left': sold!.stock,
      '5xx or failed': fiveXx,
      'p50 ms': Math.round(percentile(latencies, 50)),
      'p99 ms': Math.round(percentile(latencies, 99)),
      'checkouts/s': Math.round(BUYERS / seconds),
      verdict: sold!.orders === STOCK && sold!.units === STOCK && fiveXx === 0 ? 'ok' : 'FAILED',
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
