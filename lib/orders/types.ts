import type { ShippingAddress } from '@/db/schema';
import type { OrderStatus } from './state-machine';
import type { PaymentMethod } from './schemas';

/** Plain JSON (ISO dates) so it serves the API, the pages and the stored idempotent response alike. */
export type OrderItemView = {
  productId: string;
  editionId: string;
  editionName: string;
  platform: string;
  delivery: 'key' | 'download' | 'physical';
  slug: string;
  title: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  /** Units of the line refunded (staff can refund part of a line). */
  refundedQuantity: number;
};

export type OrderEventView = {
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  note: string | null;
  at: string;
};

export type PaymentView = {
  provider: string;
  method: PaymentMethod;
  status: 'requires_action' | 'succeeded' | 'failed' | 'cancelled' | 'refunded';
  amountCents: number;
  failureReason: string | null;
  /** The hosted page, while the shopper can still pay. */
  paymentUrl: string | null;
};

export type OrderSummary = {
  id: string;
  status: OrderStatus;
  paymentMethod: PaymentMethod;
  totalCents: number;
  currency: string;
  itemCount: number;
  createdAt: string;
};

export type OrderDetail = Omit<OrderSummary, 'itemCount'> & {
  subtotalCents: number;
  shippingCents: number;
  /** Estimated tax of the billing country, included in the total. */
  taxCents: number;
  billingCountry: string | null;
  /** Only for orders with a boxed edition. */
  shippingAddress: ShippingAddress | null;
  /** A gift's recipient and whether they claimed it; null when the order is no gift. */
  gift: { email: string; message: string; claimed: boolean; sentAt: string | null } | null;
  expiresAt: string | null;
  paidAt: string | null;
  fulfilledAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
  items: OrderItemView[];
  payment: PaymentView | null;
  events: OrderEventView[];
  /** Given back so far (recorded; the provider may still be sending it). */
  refundedCents: number;
  /** The shopper may cancel: only before paying (and, cash on delivery, before it ships). */
  canCancel: boolean;
  canRequestRefund: boolean;
};

export type OrderPage = {
  orders: OrderSummary[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
};

export type PlacedOrder = { order: OrderDetail; paymentUrl: string | null };
