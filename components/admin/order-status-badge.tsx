import { Badge, type BadgeProps } from '@/components/ui/badge';
import { statusLabel, type OrderStatus } from '@/lib/orders/state-machine';

const VARIANT: Record<OrderStatus, BadgeProps['variant']> = {
  pending_payment: 'outline',
  paid: 'default',
  fulfilled: 'success',
  cancelled: 'secondary',
  refund_requested: 'warning',
  refunded: 'secondary',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge variant={VARIANT[status]}>{statusLabel(status)}</Badge>;
}
