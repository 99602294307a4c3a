import { isValidElement, type ReactElement } from 'react';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/lib/config/env';
import { NotFoundError } from '@/lib/errors';
import { getOrder, placeOrder } from '@/lib/orders';
import {
  getHostedPayment,
  handlePaymentWebhook,
  openHostedPayment,
  payHostedPayment,
  TEST_CARDS,
  type Deliver,
} from '@/lib/payments';
import { account, type Account } from '../admin/support';
import { jar, renderToHtml } from '../admin/next-request';
import { cardOrder, key, makeProduct, putInCart } from './fixtures';

vi.mock('next/headers', () => import('../admin/next-request'));

const { default: PayPage } = await import('@/app/pay/[intentId]/page');
const { payAction } = await import('@/app/pay/[intentId]/actions');

const direct: Deliver = async (body, signature) => {
  await handlePaymentWebhook(body, signature);
};
const saved = {
  AUTH_URL: process.env.AUTH_URL,
  PAYMENT_WEBHOOK_SECRET: process.env.PAYMENT_WEBHOOK_SECRET,
};

let stranger: Account;

beforeAll(async () => {
  process.env.PAYMENT_WEBHOOK_SECRET = 'pay-page-webhook-secret-0123';
  // Nothing listens here: the hosted form hands the webhook over in process at once.
  process.env.AUTH_URL = 'http://127.0.0.1:9';
  resetEnvForTests();
  stranger = await account('customer');
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
});

beforeEach(() => {
  jar.cookie = '';
});

/** A fresh shopper's order awaiting card payment, and its hosted page's intent id. */
async function unpaidOrder() {
  const owner = await account('customer');
  const product = await makeProduct({ stock: 5 });
  await putInCart(owner.id, product.id, 1);
  const placed = await placeOrder(owner.id, cardOrder, key());
  return { owner, orderId: placed.order.id, intentId: placed.paymentUrl!.split('/').pop()! };
}

const open = (intentId: string) => PayPage({ params: Promise.resolve({ intentId }) });

async function interruption(run: Promise<unknown>): Promise<string> {
  const err = (await run.then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  return err?.digest ?? 'rendered';
}

function payForm(intentId: string, cardNumber: string = TEST_CARDS.success): FormData {
  const form = new FormData();
  form.set('intentId', intentId);
  form.set('method', 'card');
  form.set('cardNumber', cardNumber);
  return form;
}

describe('the hosted pay page', () => {
  it('opens for the shopper whose order it pays', async () => {
    const { owner, orderId, intentId } = await unpaidOrder();
    jar.cookie = owner.cookie;
    const page = (await open(intentId)) as ReactElement;
    expect(isValidElement(page)).toBe(true);
    const html = await renderToHtml(page);
    expect(html).toContain('Arcade Pay');
    expect(html).toContain('data-testid="pay-now"');
    expect(html).toContain(`Order <!-- -->${orderId.slice(0, 8)}`);
  });

  it('does not exist for another signed-in shopper: the same 404 as an unknown link', async () => {
    const { intentId } = await unpaidOrder();
    jar.cookie = stranger.cookie;
    const other = await interruption(open(intentId));
    const unknown = await interruption(open('pi_no_such_payment_0123456789'));
    expect(other).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404$/);
    expect(unknown).toBe(other);
  });

  it('sends an anonymous visitor to sign in and back to the page', async () => {
    const { intentId } = await unpaidOrder();
    const to = await interruption(open(intentId));
    expect(to).toMatch(/^NEXT_REDIRECT;/);
    expect(to.split(';')[2]).toBe(`/login?callbackUrl=${encodeURIComponent(`/pay/${intentId}`)}`);
  });
});

describe('paying on the hosted page', () => {
  it('refuses another shopper as if the payment did not exist, and the order stays unpaid', async () => {
    const { owner, orderId, intentId } = await unpaidOrder();
    jar.cookie = stranger.cookie;
    const state = await payAction({ ok: false }, payForm(intentId));
    expect(state).toMatchObject({ ok: false, message: 'Payment not found.' });
    expect((await getOrder(owner.id, orderId)).status).toBe('pending_payment');
    expect(await getHostedPayment(intentId)).toMatchObject({
      status: 'requires_action',
      payable: true,
    });
  });

  it('asks an anonymous visitor to sign in', async () => {
    const { owner, orderId, intentId } = await unpaidOrder();
    const state = await payAction({ ok: false }, payForm(intentId));
    expect(state).toMatchObject({ ok: false, message: 'Please sign in.' });
    expect((await getOrder(owner.id, orderId)).status).toBe('pending_payment');
  });

  it('lets the owner pay and go back to the order', async () => {
    const { owner, orderId, intentId } = await unpaidOrder();
    jar.cookie = owner.cookie;
    const to = await interruption(payAction({ ok: false }, payForm(intentId)));
    expect(to.split(';')[2]).toBe(`/orders/${orderId}?payment=success`);
    expect((await getOrder(owner.id, orderId)).status).toBe('paid');
  });
});

describe('the payer check in lib/payments', () => {
  it('answers only the payer, and everyone else exactly as for an unknown id', async () => {
    const { owner, orderId, intentId } = await unpaidOrder();
    await expect(openHostedPayment(owner.id, intentId)).resolves.toMatchObject({
      orderId,
      payable: true,
    });
    const other = await openHostedPayment(stranger.id, intentId).catch((e: unknown) => e);
    const unknown = await openHostedPayment(stranger.id, 'pi_unknown_0123456789').catch(
      (e: unknown) => e,
    );
    expect(other).toBeInstanceOf(NotFoundError);
    expect(other).toEqual(unknown);
    await expect(
      payHostedPayment(
        stranger.id,
        intentId,
        { method: 'card', cardNumber: TEST_CARDS.success },
        direct,
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    await payHostedPayment(
      owner.id,
      intentId,
      { method: 'card', cardNumber: TEST_CARDS.success },
      direct,
    );
    expect((await getOrder(owner.id, orderId)).status).toBe('paid');
  });
});
