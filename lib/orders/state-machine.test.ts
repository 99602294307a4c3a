import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDER_EVENTS, ORDER_STATUSES, canApply, isTerminal, transition, type OrderStatus } from './state-machine';

const status = fc.constantFrom(...ORDER_STATUSES);
const event = fc.constantFrom(...ORDER_EVENTS);

/** Replays events from a new order, skipping the ones the machine rejects. */
function replay(events: readonly (typeof ORDER_EVENTS)[number][]): OrderStatus[] {
  const path: OrderStatus[] = ['pending_payment'];
  for (const e of events) {
    const t = transition(path[path.length - 1]!, e);
    if (t.ok) path.push(t.to);
  }
  return path;
}

describe('order state machine', () => {
  it('accepts exactly the transitions canApply reports, and explains every refusal', () => {
    fc.assert(
      fc.property(status, event, (from, e) => {
        const t = transition(from, e);
        expect(t.ok).toBe(canApply(from, e));
        if (!t.ok) expect(t.reason).toMatch(/cannot/);
      }),
    );
  });

  it('never leaves a terminal state, whatever happens next', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const path = replay(events);
        const firstTerminal = path.findIndex(isTerminal);
        if (firstTerminal >= 0) expect(path.length - 1).toBe(firstTerminal);
      }),
    );
  });

  it('only reaches fulfilled through paid, and refunded through refund_requested', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const path = replay(events);
        path.forEach((s, i) => {
          if (s === 'fulfilled') expect(path[i - 1]).toBe('paid');
          if (s === 'refunded') expect(path[i - 1]).toBe('refund_requested');
          if (s === 'paid') expect(path[i - 1]).toBe('pending_payment');
        });
      }),
    );
  });

  it('lets an order be paid at most once', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        expect(replay(events).filter((s) => s === 'paid').length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('refuses to cancel a fulfilled order and to refund one that was never paid', () => {
    expect(transition('fulfilled', 'cancel')).toEqual({ ok: false, reason: expect.stringMatching(/fulfilled/) });
    expect(transition('pending_payment', 'request_refund').ok).toBe(false);
    expect(transition('pending_payment', 'refund').ok).toBe(false);
    expect(transition('cancelled', 'pay').ok).toBe(false);
  });

  it('expires only orders that still await payment', () => {
    fc.assert(
      fc.property(status, (from) => {
        expect(transition(from, 'expire').ok).toBe(from === 'pending_payment');
      }),
    );
  });
});
