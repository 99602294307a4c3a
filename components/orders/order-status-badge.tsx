import { Badge, type BadgeProps } from '@/components/ui/badge';
import { statusLabel, type OrderStatus } from '@/lib/orders/state-machine';

const VARIANT: Record<OrderStatus, BadgeProps['variant']> = {
  pending_payment: 'warning',
  paid: 'success',
  fulfilled: 'success',
  cancelled: 'secondary',
  refund_requested: 'warning',
  refunded: 'outline',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const label = statusLabel(status);
  return (
    <Badge variant={VARIANT[status]} data-testid="order-status" data-status={status}>
      {label.charAt(0).toUpperCase() + label.slice(1)}
    </Badge>
  );
}
