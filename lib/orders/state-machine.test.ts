import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ORDER_EVENTS,
  ORDER_STATUSES,
  canApply,
  isTerminal,
  transition,
  type OrderActor,
  type OrderEvent,
  type OrderStatus,
  type TransitionContext,
} from './state-machine';

const status = fc.constantFrom(...ORDER_STATUSES);
const event = fc.constantFrom(...ORDER_EVENTS);
const actor = fc.constantFrom<OrderActor>('shopper', 'staff', 'system');
const context = fc.record({ by: actor, cashOnDelivery: fc.boolean(), paid: fc.boolean() });
const step = fc.record({ event, by: actor });

type Step = { status: OrderStatus; event: OrderEvent | null; by: OrderActor | null; paid: boolean };

/** Replays steps from a new order, skipping the ones the machine rejects; `paid` is the cash state. */
function replay(
  steps: readonly { event: OrderEvent; by: OrderActor }[],
  cashOnDelivery: boolean,
): Step[] {
  const path: Step[] = [{ status: 'pending_payment', event: null, by: null, paid: false }];
  for (const s of steps) {
    const last = path[path.length - 1]!;
    const t = transition(last.status, s.event, { by: s.by, cashOnDelivery, paid: last.paid });
    if (t.ok)
      path.push({ status: t.to, event: s.event, by: s.by, paid: last.paid || s.event === 'pay' });
  }
  return path;
}

const journeys = fc.record({
  steps: fc.array(step, { maxLength: 30 }),
  cashOnDelivery: fc.boolean(),
});

describe('order state machine', () => {
  it('accepts exactly the transitions canApply reports, and explains every refusal', () => {
    fc.assert(
      fc.property(status, event, context, (from, e, ctx) => {
        const t = transition(from, e, ctx);
        expect(t.ok).toBe(canApply(from, e, ctx));
        if (!t.ok) expect(t.reason).toMatch(/cannot/);
      }),
    );
  });

  it('never leaves a terminal state, whatever happens next', () => {
    fc.assert(
      fc.property(journeys, ({ steps, cashOnDelivery }) => {
        const path = replay(steps, cashOnDelivery).map((s) => s.status);
        const firstTerminal = path.findIndex(isTerminal);
        if (firstTerminal >= 0) expect(path.length - 1).toBe(firstTerminal);
      }),
    );
  });

  it('only fulfils a paid order, or a cash-on-delivery one that staff ship before the cash comes', () => {
    fc.assert(
      fc.property(journeys, ({ steps, cashOnDelivery }) => {
        const path = replay(steps, cashOnDelivery);
        path.forEach((s, i) => {
          if (s.event !== 'fulfil') return;
          const before = path[i - 1]!;
          if (before.status === 'pending_payment') expect(cashOnDelivery).toBe(true);
          else expect(before.status).toBe('paid');
        });
      }),
    );
  });

  it('refunds only what was paid: from a request, or by staff', () => {
    fc.assert(
      fc.property(journeys, ({ steps, cashOnDelivery }) => {
        const path = replay(steps, cashOnDelivery);
        path.forEach((s, i) => {
          if (s.status !== 'refunded' && s.status !== 'refund_requested') return;
          expect(s.paid).toBe(true);
          if (s.status === 'refunded' && path[i - 1]!.status !== 'refund_requested')
            expect(s.by).toBe('staff');
        });
      }),
    );
  });

  it('lets an order be paid at most once, and a paid order become paid only from awaiting payment', () => {
    fc.assert(
      fc.property(journeys, ({ steps, cashOnDelivery }) => {
        const path = replay(steps, cashOnDelivery);
        expect(path.filter((s) => s.event === 'pay').length).toBeLessThanOrEqual(1);
        path.forEach((s, i) => {
          if (s.status === 'paid' && s.event === 'pay')
            expect(path[i - 1]!.status).toBe('pending_payment');
        });
      }),
    );
  });

  it('lets a shopper cancel only before payment, and before the parcel leaves', () => {
    fc.assert(
      fc.property(status, fc.boolean(), fc.boolean(), (from, cashOnDelivery, paid) => {
        const ok = canApply(from, 'cancel', { by: 'shopper', cashOnDelivery, paid });
        expect(ok).toBe(from === 'pending_payment');
      }),
    );
    expect(transition('paid', 'cancel', { by: 'shopper' })).toEqual({
      ok: false,
      reason:
        'A paid order cannot be cancelled: request a refund instead, and staff will review it.',
    });
    expect(transition('paid', 'cancel', { by: 'staff' })).toEqual({ ok: true, to: 'cancelled' });
  });

  it('ships a cash-on-delivery order before its cash, then records the cash without unfulfilling it', () => {
    const cod: TransitionContext = { by: 'staff', cashOnDelivery: true, paid: false };
    expect(transition('pending_payment', 'fulfil', cod)).toEqual({ ok: true, to: 'fulfilled' });
    expect(transition('fulfilled', 'pay', cod)).toEqual({ ok: true, to: 'fulfilled' });
    expect(transition('fulfilled', 'pay', { ...cod, paid: true }).ok).toBe(false);
    // Nothing was paid yet: nothing to refund; a parcel that came back unpaid is cancelled by staff.
    expect(transition('fulfilled', 'request_refund', { ...cod, by: 'shopper' }).ok).toBe(false);
    expect(transition('fulfilled', 'cancel', cod)).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('fulfilled', 'cancel', { ...cod, by: 'shopper' }).ok).toBe(false);
    // A card order still ships only once paid, whoever asks.
    expect(transition('pending_payment', 'fulfil', { by: 'staff', cashOnDelivery: false }).ok).toBe(
      false,
    );
    expect(
      transition('pending_payment', 'fulfil', { by: 'shopper', cashOnDelivery: true }).ok,
    ).toBe(false);
  });

  it('refuses to cancel a fulfilled order and to refund one that was never paid', () => {
    expect(transition('fulfilled', 'cancel')).toEqual({
      ok: false,
      reason: expect.stringMatching(/fulfilled/),
    });
    expect(transition('fulfilled', 'cancel', { by: 'staff', paid: true })).toEqual({
      ok: false,
      reason: expect.stringMatching(/fulfilled/),
    });
    expect(transition('pending_payment', 'request_refund').ok).toBe(false);
    expect(transition('pending_payment', 'refund', { by: 'staff' }).ok).toBe(false);
    expect(transition('cancelled', 'pay').ok).toBe(false);
  });

  it('expires only orders that still await payment', () => {
    fc.assert(
      fc.property(status, context, (from, ctx) => {
        expect(transition(from, 'expire', ctx).ok).toBe(from === 'pending_payment');
      }),
    );
  });
});
