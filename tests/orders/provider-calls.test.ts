import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { jobs, orders, payments, refunds, webhookEvents } from '@/db/schema';
import { resetEnvForTests } from '@/lib/config/env';
import { NotFoundError } from '@/lib/errors';
import { jobHandlers as handlers } from '@/lib/server/jobs';
import { approveRefund, getOrder, placeOrder, requestRefund } from '@/lib/orders';
import {
  confirmHostedPayment,
  handlePaymentWebhook,
  paymentEvent,
  registerProvider,
  sendRefund,
  signedEvent,
  TEST_CARDS,
  type PaymentIntentInput,
  type PaymentProvider,
  type RefundInput,
} from '@/lib/payments';
import { cardOrder, key, makeProduct, makeUser, putInCart, stockOf } from './fixtures';

/** Set to make the order transaction fail at its last step, after everything else was written. */
const crash = vi.hoisted(() => ({ outbox: false }));
vi.mock('@/lib/jobs/queue', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/jobs/queue')>();
  return {
    ...real,
    enqueueMany: (async (db, list) => {
      if (crash.outbox) throw new Error('crashed before the commit');
      return real.enqueueMany(db, list);
    }) satisfies typeof real.enqueueMany,
  };
});

/** A provider that records every call, and can be told to be down. */
const calls = { intents: [] as PaymentIntentInput[], refunds: [] as RefundInput[] };
const down = { intents: false, refunds: false };
const spy: PaymentProvider = {
  name: 'spy',
  newIntentId: () => `pi_spy_${randomBytes(10).toString('hex')}`,
  async createIntent(input) {
    calls.intents.push(input);
    if (down.intents) throw new Error('spy provider unreachable');
    return { intentId: input.intentId, redirectUrl: `https://pay.spy.example/${input.intentId}` };
  },
  async refund(input) {
    calls.refunds.push(input);
    if (down.refunds) throw new Error('spy provider refused: try later');
    return { refundId: `re_spy_${input.idempotencyKey}` };
  },
};

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'orders-test-webhook-secret-0123';
  resetEnvForTests();
  registerProvider(spy);
});

beforeEach(() => {
  calls.intents.length = 0;
  calls.refunds.length = 0;
  down.intents = false;
  down.refunds = false;
  crash.outbox = false;
});

const ctx = { jobId: 0, attempt: 1 };

async function spyOrder(stock = 5, quantity = 1) {
  const product = await makeProduct({ stock, priceCents: 3000 });
  const user = await makeUser();
  await putInCart(user.id, product.id, quantity);
  const placed = await placeOrder(user.id, cardOrder, key(), spy);
  const intentId = placed.paymentUrl!.split('/').pop()!;
  return { product, user, placed, intentId };
}

async function paymentOf(orderId: string) {
  const db = await getDb();
  return (await db.select().from(payments).where(eq(payments.orderId, orderId)))[0]!;
}

function succeeded(intentId: string, amountCents: number) {
  return signedEvent(
    paymentEvent('payment_intent.succeeded', { intentId, amountCents, currency: 'USD' }),
  );
}

describe('payment intents are opened after the order commits', () => {
  it('leaves no intent at the provider when the order transaction rolls back after the point it used to call', async () => {
    const product = await makeProduct({ stock: 5 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 2);
    const db = await getDb();
    const [before] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payments)
      .where(eq(payments.provider, 'spy'));

    crash.outbox = true;
    await expect(placeOrder(user.id, cardOrder, key(), spy)).rejects.toThrow(
      'crashed before the commit',
    );
    crash.outbox = false;

    expect(calls.intents).toEqual([]);
    const [after] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payments)
      .where(eq(payments.provider, 'spy'));
    expect(after!.n).toBe(before!.n);
    expect(await db.select().from(orders).where(eq(orders.userId, user.id))).toEqual([]);
    expect(await stockOf(product.id)).toBe(5);
  });

  it('opens the intent once, after the commit, under our reference and the payment row as idempotency key', async () => {
    const { placed, intentId } = await spyOrder();
    expect(placed.paymentUrl).toBe(`/pay/${intentId}`);
    expect(intentId).toMatch(/^pi_spy_/);
    const payment = await paymentOf(placed.order.id);
    expect(calls.intents).toEqual([
      {
        intentId,
        idempotencyKey: payment.id,
        orderId: placed.order.id,
        amountCents: placed.order.totalCents,
        currency: 'USD',
        method: 'card',
      },
    ]);
    expect(payment).toMatchObject({
      provider: 'spy',
      status: 'requires_action',
      redirectUrl: `https://pay.spy.example/${intentId}`,
    });
    expect(payment.openedAt).not.toBeNull();

    // The queued retry finds it open and asks the provider nothing.
    const db = await getDb();
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `intent:${payment.id}`));
    expect(job).toMatchObject({ type: 'payments.create_intent', status: 'pending' });
    expect(job!.runAt.getTime()).toBeGreaterThan(Date.now());
    await handlers['payments.create_intent']({ paymentId: payment.id }, ctx);
    expect(calls.intents).toHaveLength(1);
  });

  it('still answers 201 with the pay link when the provider is down, and the job opens the intent later', async () => {
    down.intents = true;
    const { placed, intentId } = await spyOrder();
    expect(placed.paymentUrl).toBe(`/pay/${intentId}`);
    expect(placed.order.status).toBe('pending_payment');
    const payment = await paymentOf(placed.order.id);
    expect(payment.openedAt).toBeNull();

    // Still down: the job fails, so the queue retries it.
    await expect(
      handlers['payments.create_intent']({ paymentId: payment.id }, ctx),
    ).rejects.toThrow('spy provider unreachable');
    down.intents = false;
    await handlers['payments.create_intent']({ paymentId: payment.id }, ctx);
    expect((await paymentOf(placed.order.id)).openedAt).not.toBeNull();
    expect(calls.intents.map((c) => c.idempotencyKey)).toEqual([
      payment.id,
      payment.id,
      payment.id,
    ]);
  });

  it('opens a simulated intent from the hosted page when the shopper comes first', async () => {
    const product = await makeProduct({ stock: 5 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const placed = await placeOrder(user.id, cardOrder, key());
    const db = await getDb();
    await db
      .update(payments)
      .set({ openedAt: null, redirectUrl: null })
      .where(eq(payments.orderId, placed.order.id));
    const intentId = placed.paymentUrl!.split('/').pop()!;
    const outcome = await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.success },
      async (body, signature) => {
        await handlePaymentWebhook(body, signature);
      },
    );
    expect(outcome.ok).toBe(true);
    expect((await paymentOf(placed.order.id)).openedAt).not.toBeNull();
    expect((await getOrder(user.id, placed.order.id)).status).toBe('paid');
  });
});

describe('the webhook and refunds go to the provider named on the payment', () => {
  it('applies an event under the provider it names, and knows no intent of one provider under another', async () => {
    const { user, placed, intentId } = await spyOrder();
    const { body, signature } = succeeded(intentId, placed.order.totalCents);
    await expect(handlePaymentWebhook(body, signature)).rejects.toBeInstanceOf(NotFoundError);
    await expect(handlePaymentWebhook(body, signature, 'nobody')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const outcome = await handlePaymentWebhook(body, signature, 'spy');
    expect(outcome).toMatchObject({ duplicate: false, result: 'paid' });
    expect((await getOrder(user.id, placed.order.id)).status).toBe('paid');
    const db = await getDb();
    const [event] = await db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.id, outcome.eventId));
    expect(event?.provider).toBe('spy');
  });

  it('sends a refund to the provider that took the money, once, even when its job runs twice', async () => {
    const { user, placed, intentId, product } = await spyOrder(5, 2);
    const { body, signature } = succeeded(intentId, placed.order.totalCents);
    await handlePaymentWebhook(body, signature, 'spy');
    await requestRefund(user.id, placed.order.id, 'Changed my mind');
    await approveRefund(placed.order.id, null);
    expect(calls.refunds).toEqual([]);
    expect(await stockOf(product.id)).toBe(5);

    const db = await getDb();
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, placed.order.id));
    expect(refund).toMatchObject({ status: 'pending', amountCents: placed.order.totalCents });
    await handlers['payments.send_refund']({ refundId: refund!.id }, ctx);
    await handlers['payments.send_refund']({ refundId: refund!.id }, { ...ctx, attempt: 2 });
    expect(calls.refunds).toEqual([
      {
        intentId,
        amountCents: placed.order.totalCents,
        reason: 'Refund approved',
        idempotencyKey: refund!.id,
      },
    ]);
    const [sent] = await db.select().from(refunds).where(eq(refunds.id, refund!.id));
    expect(sent).toMatchObject({ status: 'sent', providerRefundId: `re_spy_${refund!.id}` });
  });

  it('keeps a refund the provider refused pending, with the reason for staff, and sends it on a later try', async () => {
    const { user, placed, intentId } = await spyOrder();
    const { body, signature } = succeeded(intentId, placed.order.totalCents);
    await handlePaymentWebhook(body, signature, 'spy');
    await requestRefund(user.id, placed.order.id);
    await approveRefund(placed.order.id, null);
    const db = await getDb();
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, placed.order.id));

    down.refunds = true;
    await expect(sendRefund(refund!.id)).rejects.toThrow('spy provider refused');
    const [refused] = await db.select().from(refunds).where(eq(refunds.id, refund!.id));
    expect(refused).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'spy provider refused: try later',
    });

    down.refunds = false;
    expect(await sendRefund(refund!.id)).toBe('sent');
    const [sent] = await db.select().from(refunds).where(eq(refunds.id, refund!.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(calls.refunds).toHaveLength(2);
    expect(new Set(calls.refunds.map((c) => c.idempotencyKey))).toEqual(new Set([refund!.id]));
  });
});
