import { orderStatus } from '@/db/schema';

/**
 * The order lifecycle as a pure function, so every path (API, pages, webhooks, jobs) agrees on
 * what may happen next and a property test can check the whole table.
 */
export const ORDER_STATUSES = orderStatus.enumValues;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = ['pay', 'fulfil', 'cancel', 'expire', 'request_refund', 'refund'] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

const TABLE: Record<OrderStatus, Partial<Record<OrderEvent, OrderStatus>>> = {
  pending_payment: { pay: 'paid', cancel: 'cancelled', expire: 'cancelled' },
  // A paid order cancelled before fulfilment is refunded in the same step.
  paid: { fulfil: 'fulfilled', cancel: 'cancelled', request_refund: 'refund_requested' },
  fulfilled: { request_refund: 'refund_requested' },
  refund_requested: { refund: 'refunded' },
  cancelled: {},
  refunded: {},
};

export type Transition = { ok: true; to: OrderStatus } | { ok: false; reason: string };

const VERB: Record<OrderEvent, string> = {
  pay: 'be paid',
  fulfil: 'be fulfilled',
  cancel: 'be cancelled',
  expire: 'expire',
  request_refund: 'be refunded on request',
  refund: 'be refunded',
};

const LABEL: Record<OrderStatus, string> = {
  pending_payment: 'awaiting payment',
  paid: 'paid',
  fulfilled: 'fulfilled',
  cancelled: 'cancelled',
  refund_requested: 'waiting for a refund',
  refunded: 'refunded',
};

export function transition(from: OrderStatus, event: OrderEvent): Transition {
  const to = TABLE[from][event];
  if (to) return { ok: true, to };
  return { ok: false, reason: `An order that is ${LABEL[from]} cannot ${VERB[event]}.` };
}

export function canApply(from: OrderStatus, event: OrderEvent): boolean {
  return TABLE[from][event] !== undefined;
}

export function isTerminal(status: OrderStatus): boolean {
  return Object.keys(TABLE[status]).length === 0;
}

export function statusLabel(status: OrderStatus): string {
  return LABEL[status];
}
