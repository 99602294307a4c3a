import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, jobs } from '@/db/schema';
import { resetEnvForTests } from '@/lib/config/env';
import {
  backoffMs,
  claimJobs,
  completeJob,
  drainJobs,
  enqueue,
  runDueJobs,
  startWorker,
  type Handlers,
} from '@/lib/jobs';
import { jobHandlers as handlers, registerAllJobHandlers } from '@/lib/server/jobs';
import { createUpstashKv, getKv, resetKvForTests } from '@/lib/kv';
import { ensureLeaderboardsBuilt, readBoard } from '@/lib/leaderboards';
import { keys } from '@/lib/leaderboards/keys';
import { clearConsoleOutbox, consoleOutbox } from '@/lib/mail';
import { getOrder, placeOrder } from '@/lib/orders';
import { confirmHostedPayment, handlePaymentWebhook, TEST_CARDS } from '@/lib/payments';
import {
  cardOrder,
  codOrder,
  key,
  makeProduct,
  makeUser,
  makeUsers,
  putInCart,
  stockOf,
} from './fixtures';

// The worker runs the handlers the app registers at start.
registerAllJobHandlers();

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'orders-test-webhook-secret-0123';
  resetEnvForTests();
});

/** Jobs queued by earlier files must not run inside these tests' assertions. */
async function parkOtherJobs() {
  const db = await getDb();
  await db.execute(
    sql`update jobs set status = 'done', completed_at = now() where status in ('pending', 'running')`,
  );
}

beforeEach(async () => {
  await parkOtherJobs();
  clearConsoleOutbox();
});

afterAll(parkOtherJobs);

async function jobById(id: number) {
  const db = await getDb();
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

async function paidOrder(quantity = 2) {
  // Built before the sale, so a first-read rebuild from Postgres cannot count it a second time.
  await ensureLeaderboardsBuilt();
  const product = await makeProduct({ stock: 20 });
  const user = await makeUser();
  await putInCart(user.id, product.id, quantity);
  const placed = await placeOrder(user.id, cardOrder, key());
  const intentId = placed.paymentUrl!.split('/').pop()!;
  await confirmHostedPayment(
    intentId,
    { method: 'card', cardNumber: TEST_CARDS.success },
    async (b, s) => {
      await handlePaymentWebhook(b, s);
    },
  );
  return { product, user, order: placed.order };
}

describe('the durable job queue', () => {
  it('hands a job whose lease expired to another worker, which applies it once', async () => {
    const { product, order } = await paidOrder(3);
    // Worker A takes the sale job and dies without finishing it.
    const [taken] = await claimJobs('worker-a', 1, 50);
    expect(taken?.type).toBe('leaderboards.record_sale');
    expect(await claimJobs('worker-b', 10)).toHaveLength(1); // only the receipt is still free
    await new Promise((r) => setTimeout(r, 120));

    // Worker B sees the expired lease and runs it.
    expect(await runDueJobs({ workerId: 'worker-b' })).toBe(1);
    const done = await jobById(taken!.id);
    expect(done).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'worker-b' });

    // Worker A comes back and tries to finish: it no longer holds the lease, so nothing changes.
    expect(await completeJob(taken!, 'worker-a')).toBe(false);
    // A replay of the same job (at-least-once delivery) does not count the sale twice.
    await handlers['leaderboards.record_sale'](
      { orderId: order.id },
      { jobId: taken!.id, attempt: 3 },
    );
    expect(await getKv().zscore(keys.topSellers, product.id)).toBe(3);
  });

  it('retries a failing job with growing delays and buries it after maxAttempts', async () => {
    const db = await getDb();
    await enqueue(db, {
      type: 'stock.low_alert',
      payload: { productId: '00000000-0000-0000-0000-000000000000', stock: 0 },
      maxAttempts: 2,
    });
    let calls = 0;
    const failing: Handlers = {
      ...handlers,
      'stock.low_alert': async () => {
        calls++;
        throw new Error('smtp down');
      },
    };
    expect(await runDueJobs({ registry: failing })).toBe(1);
    const [row] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.type, 'stock.low_alert'))
      .orderBy(sql`${jobs.id} desc`)
      .limit(1);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp down' });
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now() + 3000);
    // Not due yet: a drain leaves it alone.
    expect(await drainJobs({ registry: failing })).toBe(0);

    await db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, row!.id));
    await runDueJobs({ registry: failing });
    expect(await jobById(row!.id)).toMatchObject({ status: 'dead', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('spaces retries exponentially, within jitter, up to an hour', () => {
    expect(backoffMs(1, 0.5)).toBe(5000);
    expect(backoffMs(2, 0.5)).toBe(10_000);
    expect(backoffMs(4, 0.5)).toBe(40_000);
    expect(backoffMs(30, 0.5)).toBe(3_600_000);
    expect(backoffMs(3, 0)).toBe(16_000);
    expect(backoffMs(3, 1)).toBe(24_000);
  });

  it('runs queued work in the background once started, and stops on request', async () => {
    const product = await makeProduct({ stock: 2 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 2);
    const { order } = await placeOrder(user.id, cardOrder, key());
    const db = await getDb();
    await db.execute(
      sql`update orders set expires_at = now() - interval '1 second' where id = ${order.id}`,
    );
    await enqueue(db, { type: 'orders.expire_sweep', payload: {} });
    const worker = startWorker({ pollMs: 50 });
    try {
      await expect.poll(() => stockOf(product.id), { timeout: 5000 }).toBe(2);
    } finally {
      await worker.stop();
    }
    expect((await getOrder(user.id, order.id)).status).toBe('cancelled');
  });

  it('shares due jobs between two workers polling at once, never handing one job to both', async () => {
    const db = await getDb();
    const batch = key();
    for (let i = 0; i < 6; i++)
      await enqueue(db, { type: 'orders.expire_sweep', payload: {}, dedupeKey: `${batch}:${i}` });
    const [a, b] = await Promise.all([claimJobs('worker-a', 10), claimJobs('worker-b', 10)]);
    const ids = [...a!, ...b!].map((j) => j.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    for (const job of a!)
      expect(await jobById(job.id)).toMatchObject({ status: 'running', lockedBy: 'worker-a' });
    for (const job of b!)
      expect(await jobById(job.id)).toMatchObject({ status: 'running', lockedBy: 'worker-b' });
  });

  it('keeps a sale job queued while Redis is down and counts the sale once, when Redis is back', async () => {
    const { product, order } = await paidOrder(2);
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'unreachable', timeoutMs: 200 }),
      cooldownMs: 60_000,
    });
    try {
      await runDueJobs({ workerId: 'worker-a' });
    } finally {
      resetKvForTests();
    }
    const db = await getDb();
    const [sale] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `sale:${order.id}`));
    expect(sale).toMatchObject({ status: 'pending', attempts: 1 });
    expect(sale!.lastError).toBeTruthy();
    expect(await getKv().zscore(keys.topSellers, product.id)).toBeNull();

    await db.execute(sql`update jobs set run_at = now() where id = ${sale!.id}`);
    await runDueJobs({ workerId: 'worker-b' });
    expect(await jobById(sale!.id)).toMatchObject({ status: 'done', attempts: 2 });
    expect(await getKv().zscore(keys.topSellers, product.id)).toBe(2);
  });

  it('trims old finished jobs on one instance per minute: the one whose sweep enqueue won the minute', async () => {
    const db = await getDb();
    const oldDone = async () => {
      const [row] = await db
        .insert(jobs)
        .values({
          type: 'orders.expire_sweep',
          payload: {},
          status: 'done',
          completedAt: new Date(Date.now() - 8 * 86_400_000),
        })
        .returning({ id: jobs.id });
      return row!.id;
    };
    const exists = async (id: number) =>
      (await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, id))).length > 0;
    const minute = Math.floor(Date.now() / 60_000);
    const periodic = [minute, minute + 1].map((m) => `expire-sweep:periodic:${m}`);

    // Another instance already queued this minute's sweep (and the next, should the clock turn).
    for (const dedupeKey of periodic)
      await enqueue(db, { type: 'orders.expire_sweep', payload: {}, dedupeKey });
    const kept = await oldDone();
    let worker = startWorker({ pollMs: 50 });
    await new Promise((r) => setTimeout(r, 300));
    await worker.stop();
    expect(await exists(kept)).toBe(true);

    await db.execute(
      sql`delete from jobs where dedupe_key in (${sql.join(
        periodic.map((k) => sql`${k}`),
        sql`, `,
      )})`,
    );
    worker = startWorker({ pollMs: 50 });
    try {
      await expect.poll(() => exists(kept), { timeout: 5000 }).toBe(false);
    } finally {
      await worker.stop();
    }
  });

  it('never schedules the same deduplicated job twice', async () => {
    const db = await getDb();
    const k = `dedupe-${key()}`;
    expect(await enqueue(db, { type: 'orders.expire_sweep', payload: {}, dedupeKey: k })).toBe(
      true,
    );
    expect(await enqueue(db, { type: 'orders.expire_sweep', payload: {}, dedupeKey: k })).toBe(
      false,
    );
  });
});

describe('background effects of orders', () => {
  it('expires unpaid orders after their deadline and puts the stock back, once', async () => {
    const product = await makeProduct({ stock: 4 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 3);
    const { order } = await placeOrder(user.id, cardOrder, key());
    expect(await stockOf(product.id)).toBe(1);
    const db = await getDb();
    await db.execute(
      sql`update orders set expires_at = now() - interval '1 second' where id = ${order.id}`,
    );
    await enqueue(db, { type: 'orders.expire_sweep', payload: {} });
    await enqueue(db, { type: 'orders.expire_sweep', payload: {} });
    await drainJobs();
    const after = await getOrder(user.id, order.id);
    expect(after.status).toBe('cancelled');
    expect(after.events.map((e) => e.toStatus)).toEqual(['pending_payment', 'cancelled']);
    expect(await stockOf(product.id)).toBe(4);
  });

  it('leaves unpaid orders alone before their deadline and never expires cash-on-delivery orders', async () => {
    const product = await makeProduct({ stock: 4 });
    const [a, b] = await makeUsers(2);
    await putInCart(a!.id, product.id, 1);
    await putInCart(b!.id, product.id, 1);
    const card = await placeOrder(a!.id, cardOrder, key());
    const cod = await placeOrder(b!.id, codOrder, key());
    const db = await getDb();
    await enqueue(db, { type: 'orders.expire_sweep', payload: {} });
    await drainJobs();
    expect((await getOrder(a!.id, card.order.id)).status).toBe('pending_payment');
    expect((await getOrder(b!.id, cod.order.id)).status).toBe('pending_payment');
    expect(await stockOf(product.id)).toBe(2);
  });

  it('puts a paid order on the top-sellers board and mails the receipt', async () => {
    const { product, user, order } = await paidOrder(2);
    await drainJobs();
    const board = await readBoard('top-sellers', 100);
    expect(board.find((e) => e.id === product.id)?.score).toBe(2);
    const receipt = consoleOutbox().find((m) => m.to === user.email);
    expect(receipt?.subject).toBe(`Receipt for order ${order.id.slice(0, 8)}`);
    expect(receipt?.text).toContain('Total:');
  });

  it('alerts admins by mail and in the audit log when stock runs low', async () => {
    const [admin] = await makeUsers(1, 'admin');
    const product = await makeProduct({ stock: 6, title: 'Nearly Gone' });
    const user = await makeUser();
    await putInCart(user.id, product.id, 4);
    await placeOrder(user.id, codOrder, key());
    await drainJobs();
    const alert = consoleOutbox().find((m) => m.to === admin!.email);
    expect(alert?.subject).toBe('Low stock: Nearly Gone (Standard) (2 left)');
    const db = await getDb();
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, product.id));
    expect(audits.map((a) => a.action)).toEqual(['stock.low_alert']);
  });
});
