import 'server-only';

export { placeOrder } from './place-order';
export { getOrder, listOrders, loadOrderDetail } from './queries';
export {
  approveRefund,
  cancelOrder,
  expireDueOrders,
  fulfilOrder,
  markOrderPaid,
  refundUnclaimedGift,
  requestRefund,
} from './lifecycle';
export {
  transition,
  canApply,
  isTerminal,
  statusLabel,
  ORDER_STATUSES,
  ORDER_EVENTS,
  type OrderStatus,
  type OrderEvent,
} from './state-machine';
export {
  placeOrderSchema,
  shippingAddressSchema,
  idempotencyKeySchema,
  orderListQuerySchema,
  refundRequestSchema,
  PAYMENT_METHODS,
  type PaymentMethod,
  type PlaceOrderInput,
} from './schemas';
export {
  needsShipping,
  shippingFor,
  totalsFor,
  FREE_SHIPPING_FROM_CENTS,
  LOW_STOCK_THRESHOLD,
  MAX_OPEN_UNPAID_ORDERS,
} from './pricing';
export type {
  OrderDetail,
  OrderSummary,
  OrderPage,
  OrderItemView,
  OrderEventView,
  PaymentView,
  PlacedOrder,
} from './types';
