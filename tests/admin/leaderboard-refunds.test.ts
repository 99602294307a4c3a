import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { jobs } from '@/db/schema';
import { decideRefund } from '@/lib/admin';
import { jobHandlers as handlers } from '@/lib/server/jobs';
import { getKv } from '@/lib/kv';
import { rebuildLeaderboards } from '@/lib/leaderboards';
import { keys, utcDay } from '@/lib/leaderboards/keys';
import { account, makeCategory, makePaidOrder, makeProduct, type Account } from './support';

let admin: Account;
let shopper: Account;
let categoryId: string;

beforeAll(async () => {
  admin = await account('admin');
  shopper = await account('customer');
  categoryId = (await makeCategory()).id;
});

const decide = (orderId: string, decision: 'approve' | 'deny') =>
  decideRefund({ id: admin.id, email: admin.email, ip: null }, orderId, { decision, reason: '' });
const job = { jobId: 0, attempt: 1 };
const recordSale = (orderId: string) => handlers['leaderboards.record_sale']({ orderId }, job);
const recordRefund = (orderId: string) => handlers['leaderboards.record_refund']({ orderId }, job);
const today = () => keys.salesDay(utcDay(new Date()));
const score = (key: string, productId: string) => getKv().zscore(key, productId);

/** An order waiting for a refund, its sale already on the boards when `counted`. */
async function soldAndDisputed(
  product: Awaited<ReturnType<typeof makeProduct>>,
  units: number,
  counted = true,
) {
  const order = await makePaidOrder(shopper.id, product, units, 'refund_requested');
  if (counted) await recordSale(order.id);
  return order;
}

describe('top sellers and refunds', () => {
  it('takes refunded units off both sales boards once the refund job runs, exactly once', async () => {
    const product = await makeProduct(categoryId, { stock: 20 });
    const refunded = await soldAndDisputed(product, 3);
    await soldAndDisputed(product, 2);
    expect(await score(keys.topSellers, product.id)).toBe(5);
    expect(await score(today(), product.id)).toBe(5);

    await decide(refunded.id, 'approve');
    // The refund commits with its job: the boards move when the job runs, not before.
    const db = await getDb();
    const queued = await db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(
        and(
          eq(jobs.type, 'leaderboards.record_refund'),
          eq(jobs.dedupeKey, `sale-refund:${refunded.id}`),
        ),
      );
    expect(queued).toEqual([{ payload: { orderId: refunded.id } }]);
    expect(await score(keys.topSellers, product.id)).toBe(5);

    await recordRefund(refunded.id);
    await recordRefund(refunded.id); // a retried job
    expect(await score(keys.topSellers, product.id)).toBe(2);
    expect(await score(today(), product.id)).toBe(2);
  });

  it('drops a game from the boards when all its sales were refunded', async () => {
    const product = await makeProduct(categoryId);
    const order = await soldAndDisputed(product, 1);
    await decide(order.id, 'approve');
    await recordRefund(order.id);
    expect(await score(keys.topSellers, product.id)).toBeNull();
    expect(await score(today(), product.id)).toBeNull();
  });

  it('keeps a refund whose sale was not counted yet off the boards for good', async () => {
    const product = await makeProduct(categoryId);
    const order = await soldAndDisputed(product, 4, false);
    await decide(order.id, 'approve');
    await recordRefund(order.id);
    // The sale's own job runs late (a retry): the order was refunded, so it adds nothing.
    await recordSale(order.id);
    expect(await score(keys.topSellers, product.id)).toBeNull();
  });

  it('leaves the boards alone when a refund is denied', async () => {
    const product = await makeProduct(categoryId);
    const order = await soldAndDisputed(product, 2);
    await decide(order.id, 'deny');
    await recordRefund(order.id);
    expect(await score(keys.topSellers, product.id)).toBe(2);
  });

  it('rebuilds the boards from Postgres without refunded units, and a late refund job then subtracts nothing', async () => {
    const product = await makeProduct(categoryId, { stock: 20 });
    const refunded = await soldAndDisputed(product, 6);
    await soldAndDisputed(product, 1);
    await decide(refunded.id, 'approve');
    await rebuildLeaderboards();
    expect(await score(keys.topSellers, product.id)).toBe(1);
    expect(await score(today(), product.id)).toBe(1);
    await recordRefund(refunded.id);
    expect(await score(keys.topSellers, product.id)).toBe(1);
  });
});
