import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { jobs, orderEvents, refunds, webhookEvents } from '@/db/schema';
import { resetEnvForTests } from '@/lib/config/env';
import { ConflictError, ValidationError } from '@/lib/errors';
import {
  cancelOrder,
  getOrder,
  placeOrder,
  requestRefund,
  approveRefund,
  expireDueOrders,
} from '@/lib/orders';
import {
  confirmHostedPayment,
  getHostedPayment,
  handlePaymentWebhook,
  paymentEvent,
  signPayload,
  signedEvent,
  TEST_CARDS,
  sendRefund,
  type Deliver,
} from '@/lib/payments';
import { cardOrder, key, makeProduct, makeUser, putInCart, stockOf } from './fixtures';

const intentOf = (url: string | null) => url!.split('/').pop()!;
/** The provider reaching the shop directly, as the HTTP webhook would. */
const direct: Deliver = async (body, signature) => {
  await handlePaymentWebhook(body, signature);
};

beforeAll(() => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'orders-test-webhook-secret-0123';
  resetEnvForTests();
});

async function cardOrderFor(stock = 5, quantity = 1) {
  const product = await makeProduct({ stock, priceCents: 6000 });
  const user = await makeUser();
  await putInCart(user.id, product.id, quantity);
  const placed = await placeOrder(user.id, cardOrder, key());
  return { product, user, placed, intentId: intentOf(placed.paymentUrl) };
}

describe('the hosted payment page and the webhook', () => {
  it('marks the order paid with the success card and queues the sale and the receipt', async () => {
    const { user, placed, intentId } = await cardOrderFor();
    const outcome = await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: '4242 4242 4242 4242' },
      direct,
    );
    expect(outcome).toEqual({ ok: true, orderId: placed.order.id, message: 'Payment approved.' });
    const order = await getOrder(user.id, placed.order.id);
    expect(order.status).toBe('paid');
    expect(order.paidAt).not.toBeNull();
    expect(order.payment?.status).toBe('succeeded');
    expect(order.events.map((e) => e.toStatus)).toEqual(['pending_payment', 'paid']);
    const db = await getDb();
    const queued = (await db.select({ key: jobs.dedupeKey }).from(jobs)).map((j) => j.key);
    expect(queued).toEqual(
      expect.arrayContaining([`sale:${placed.order.id}`, `paid-receipt:${placed.order.id}`]),
    );
  });

  it('keeps the order awaiting payment when the card is declined, and lets the shopper retry', async () => {
    const { user, placed, intentId } = await cardOrderFor();
    const declined = await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.declined },
      direct,
    );
    expect(declined).toMatchObject({ ok: false, message: 'Your card was declined.' });
    let order = await getOrder(user.id, placed.order.id);
    expect(order.status).toBe('pending_payment');
    expect(order.payment).toMatchObject({
      status: 'failed',
      failureReason: 'Your card was declined.',
    });
    expect(order.payment?.paymentUrl).toBe(placed.paymentUrl);

    await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.success },
      direct,
    );
    order = await getOrder(user.id, placed.order.id);
    expect(order.status).toBe('paid');
  });

  it('approves wallet payments and refuses a card on a wallet order', async () => {
    const product = await makeProduct({ stock: 5 });
    const user = await makeUser();
    await putInCart(user.id, product.id, 1);
    const placed = await placeOrder(user.id, { ...cardOrder, paymentMethod: 'wallet' }, key());
    const intentId = intentOf(placed.paymentUrl);
    await expect(
      confirmHostedPayment(intentId, { method: 'card', cardNumber: TEST_CARDS.success }, direct),
    ).rejects.toBeInstanceOf(ConflictError);
    await confirmHostedPayment(intentId, { method: 'wallet' }, direct);
    expect((await getOrder(user.id, placed.order.id)).status).toBe('paid');
  });

  it('still reaches the shop when its public URL cannot be called, by handing the event over in process', async () => {
    const previous = process.env.AUTH_URL;
    process.env.AUTH_URL = 'http://127.0.0.1:9';
    resetEnvForTests();
    try {
      const { user, placed, intentId } = await cardOrderFor();
      await confirmHostedPayment(intentId, { method: 'card', cardNumber: TEST_CARDS.success });
      expect((await getOrder(user.id, placed.order.id)).status).toBe('paid');
    } finally {
      if (previous === undefined) delete process.env.AUTH_URL;
      else process.env.AUTH_URL = previous;
      resetEnvForTests();
    }
  });

  it('rejects a card number that is not a test card as invalid input', async () => {
    const { intentId } = await cardOrderFor();
    await expect(
      confirmHostedPayment(intentId, { method: 'card', cardNumber: '1234' }, direct),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('applies a replayed or duplicated event once', async () => {
    const { user, placed, intentId } = await cardOrderFor();
    const event = paymentEvent('payment_intent.succeeded', {
      intentId,
      amountCents: placed.order.totalCents,
      currency: 'USD',
    });
    const { body, signature } = signedEvent(event);
    const outcomes = await Promise.all([1, 2, 3].map(() => handlePaymentWebhook(body, signature)));
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    const later = await handlePaymentWebhook(body, signPayload(body));
    expect(later.duplicate).toBe(true);
    const order = await getOrder(user.id, placed.order.id);
    expect(order.events.filter((e) => e.toStatus === 'paid')).toHaveLength(1);
    const db = await getDb();
    expect(
      await db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id)),
    ).toHaveLength(1);
  });

  it('answers 400 to a bad signature, a stale timestamp or a missing header, and records nothing', async () => {
    const { user, placed, intentId } = await cardOrderFor();
    const event = paymentEvent('payment_intent.succeeded', {
      intentId,
      amountCents: placed.order.totalCents,
      currency: 'USD',
    });
    const body = JSON.stringify(event);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const attempts = [
      handlePaymentWebhook(body, signPayload(body, undefined, 'some-other-secret-0123456789')),
      handlePaymentWebhook(body, signPayload(body, stale)),
      handlePaymentWebhook(body, null),
      handlePaymentWebhook(body, 't=abc,v1=zz'),
      handlePaymentWebhook(body.replace('succeeded', 'payment_failed'), signPayload(body)),
    ];
    for (const attempt of attempts) {
      const err = await attempt.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).status).toBe(400);
    }
    const db = await getDb();
    expect(
      await db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id)),
    ).toHaveLength(0);
    expect((await getOrder(user.id, placed.order.id)).status).toBe('pending_payment');
  });

  it('refunds a payment that arrives after the order expired', async () => {
    const { user, placed, intentId, product } = await cardOrderFor(3, 1);
    const db = await getDb();
    await db.execute(
      sql`update orders set expires_at = now() - interval '1 second' where id = ${placed.order.id}`,
    );
    await expireDueOrders();
    expect(await stockOf(product.id)).toBe(3);
    await expect(getHostedPayment(intentId)).resolves.toMatchObject({ payable: false });
    const event = paymentEvent('payment_intent.succeeded', {
      intentId,
      amountCents: placed.order.totalCents,
      currency: 'USD',
    });
    const { body, signature } = signedEvent(event);
    expect((await handlePaymentWebhook(body, signature)).result).toBe('refunded_late_payment');
    const order = await getOrder(user.id, placed.order.id);
    expect(order.status).toBe('cancelled');
    expect(order.payment?.status).toBe('refunded');
    expect(order.refundedCents).toBe(placed.order.totalCents);
  });
});

describe('races between the shopper and the provider', () => {
  it('ends either cancelled with the late payment refunded, or paid with the cancel refused, never in between', async () => {
    for (let round = 0; round < 5; round++) {
      const { user, placed, intentId, product } = await cardOrderFor(4, 2);
      const { body, signature } = signedEvent(
        paymentEvent('payment_intent.succeeded', {
          intentId,
          amountCents: placed.order.totalCents,
          currency: 'USD',
        }),
      );
      const [cancelled, hooked] = await Promise.allSettled([
        cancelOrder(user.id, placed.order.id),
        handlePaymentWebhook(body, signature),
      ]);
      expect(hooked.status).toBe('fulfilled');
      const order = await getOrder(user.id, placed.order.id);
      if (cancelled.status === 'fulfilled') {
        expect(order.status).toBe('cancelled');
        expect(order.payment?.status).toBe('refunded');
        expect(order.refundedCents).toBe(placed.order.totalCents);
        expect(await stockOf(product.id)).toBe(4);
      } else {
        // Paid first: a paid order is refunded on request, not cancelled.
        expect(cancelled.reason).toBeInstanceOf(ConflictError);
        expect(order.status).toBe('paid');
        expect(order.refundedCents).toBe(0);
        expect(await stockOf(product.id)).toBe(2);
      }
    }
  });
});

describe('refunds after payment', () => {
  it('refuses to cancel a paid order for the shopper, pointing to a refund request, and changes nothing', async () => {
    const { user, placed, intentId, product } = await cardOrderFor(5, 2);
    await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.success },
      direct,
    );
    expect(await stockOf(product.id)).toBe(3);
    const paid = await getOrder(user.id, placed.order.id);
    expect(paid).toMatchObject({ status: 'paid', canCancel: false, canRequestRefund: true });
    await expect(cancelOrder(user.id, placed.order.id)).rejects.toThrow(
      'A paid order cannot be cancelled: request a refund instead, and staff will review it.',
    );
    const after = await getOrder(user.id, placed.order.id);
    expect(after).toMatchObject({ status: 'paid', refundedCents: 0 });
    expect(after.payment?.status).toBe('succeeded');
    expect(await stockOf(product.id)).toBe(3);
  });

  it('records an approved refund as pending and sends it to the provider after the commit, once', async () => {
    const { user, placed, intentId, product } = await cardOrderFor(5, 2);
    await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.success },
      direct,
    );
    await requestRefund(user.id, placed.order.id);
    const order = await approveRefund(placed.order.id, null);
    expect(order).toMatchObject({ status: 'refunded', refundedCents: placed.order.totalCents });
    expect(order.payment?.status).toBe('refunded');
    expect(await stockOf(product.id)).toBe(5);
    const db = await getDb();
    const [pending] = await db.select().from(refunds).where(eq(refunds.orderId, placed.order.id));
    expect(pending).toMatchObject({
      status: 'pending',
      providerRefundId: null,
      amountCents: placed.order.totalCents,
    });
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `refund:${pending!.id}`));
    expect(job).toMatchObject({
      type: 'payments.send_refund',
      status: 'pending',
      payload: { refundId: pending!.id },
    });

    expect(await sendRefund(pending!.id)).toBe('sent');
    expect(await sendRefund(pending!.id)).toBe('already_sent');
    const [sent] = await db.select().from(refunds).where(eq(refunds.orderId, placed.order.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent!.providerRefundId).toMatch(/^re_sim_/);
    expect(sent!.sentAt).not.toBeNull();
  });

  it('moves a paid order to refund_requested, then refunded when staff approve, once', async () => {
    const { user, placed, intentId } = await cardOrderFor();
    await confirmHostedPayment(
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.success },
      direct,
    );
    const requested = await requestRefund(user.id, placed.order.id, 'Bought the wrong edition');
    expect(requested.status).toBe('refund_requested');
    expect(requested.canCancel).toBe(false);
    await expect(requestRefund(user.id, placed.order.id)).rejects.toBeInstanceOf(ConflictError);
    const refunded = await approveRefund(placed.order.id, null);
    expect(refunded.status).toBe('refunded');
    expect(refunded.refundedCents).toBe(placed.order.totalCents);
    await expect(approveRefund(placed.order.id, null)).rejects.toBeInstanceOf(ConflictError);
    const db = await getDb();
    const notes = (
      await db.select().from(orderEvents).where(eq(orderEvents.orderId, placed.order.id))
    ).map((e) => e.note);
    expect(notes).toContain('Refund requested: Bought the wrong edition');
  });
});
