import { orderStatus } from '@/db/schema';

/**
 * The order lifecycle as a pure function, so every path (API, pages, webhooks, jobs) agrees on
 * what may happen next and a property test can check the whole table.
 */
export const ORDER_STATUSES = orderStatus.enumValues;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_EVENTS = [
  'pay',
  'fulfil',
  'cancel',
  'expire',
  'request_refund',
  'refund',
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

/** Who asks for a move: the buyer, the shop's staff, or the shop itself (webhooks, jobs). */
export type OrderActor = 'shopper' | 'staff' | 'system';

/**
 * What besides the status decides a move: who asks, and for cash on delivery (the parcel leaves
 * before the money arrives) whether the cash is in. `paid` left out means "as the status says".
 */
export type TransitionContext = { by?: OrderActor; cashOnDelivery?: boolean; paid?: boolean };

type Rule = { to: OrderStatus; when?: (ctx: TransitionContext) => boolean; refusal?: string };

const staff = (c: TransitionContext) => c.by === 'staff';
const unpaidCashOrder = (c: TransitionContext) => c.cashOnDelivery === true && c.paid === false;

/*
 * Policy: a shopper cancels only before paying (and, paying cash on delivery, before the parcel
 * leaves); after payment they request a refund and staff approve or deny it. Staff may cancel or
 * refund a paid order themselves.
 */
const TABLE: Record<OrderStatus, Partial<Record<OrderEvent, Rule>>> = {
  pending_payment: {
    pay: { to: 'paid' },
    cancel: { to: 'cancelled' },
    expire: { to: 'cancelled' },
    // Cash on delivery: the courier brings the money back with the delivery.
    fulfil: {
      to: 'fulfilled',
      when: (c) => staff(c) && c.cashOnDelivery === true,
      refusal:
        'An order that is awaiting payment cannot be fulfilled: only a cash-on-delivery order ships before it is paid.',
    },
  },
  paid: {
    fulfil: { to: 'fulfilled' },
    cancel: {
      to: 'cancelled',
      when: staff,
      refusal:
        'A paid order cannot be cancelled: request a refund instead, and staff will review it.',
    },
    request_refund: { to: 'refund_requested' },
    refund: { to: 'refunded', when: staff },
  },
  fulfilled: {
    // The cash of a delivered cash-on-delivery order is recorded: paid, still fulfilled.
    pay: { to: 'fulfilled', when: unpaidCashOrder },
    // A cash-on-delivery parcel that came back unpaid (refused at the door).
    cancel: { to: 'cancelled', when: (c) => staff(c) && unpaidCashOrder(c) },
    request_refund: {
      to: 'refund_requested',
      when: (c) => c.paid !== false,
      refusal: 'An order that is not paid yet cannot be refunded.',
    },
    refund: { to: 'refunded', when: (c) => staff(c) && c.paid !== false },
  },
  refund_requested: { refund: { to: 'refunded' } },
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

export function transition(
  from: OrderStatus,
  event: OrderEvent,
  ctx: TransitionContext = {},
): Transition {
  const rule = TABLE[from][event];
  if (rule && (!rule.when || rule.when(ctx))) return { ok: true, to: rule.to };
  return {
    ok: false,
    reason: rule?.refusal ?? `An order that is ${LABEL[from]} cannot ${VERB[event]}.`,
  };
}

export function canApply(
  from: OrderStatus,
  event: OrderEvent,
  ctx: TransitionContext = {},
): boolean {
  return transition(from, event, ctx).ok;
}

export function isTerminal(status: OrderStatus): boolean {
  return Object.keys(TABLE[status]).length === 0;
}

export function statusLabel(status: OrderStatus): string {
  return LABEL[status];
}
