import Link from 'next/link';
import type { OrderSummary } from '@/lib/orders/types';
import { AdminTable, type Column } from './admin-table';
import { Tr } from './data-table';
import { formatAmount, formatDateTime } from './format';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';

type OrderLine = Omit<OrderSummary, 'paymentMethod'>;
type Customer = { id: string; email: string };

/** The admin's order rows; the customer column shows only where orders of many customers mix. */
export function OrderTable<T extends OrderLine>({
  caption,
  orders,
  empty,
  customerOf,
}: {
  caption: string;
  orders: readonly T[];
  empty: string;
  customerOf?: (order: T) => Customer;
}) {
  const columns: Column[] = [
    'Order',
    'Placed',
    ...(customerOf ? ['Customer'] : []),
    { label: 'Items', numeric: true },
    { label: 'Total', numeric: true },
    'Status',
  ];
  return (
    <AdminTable caption={caption} columns={columns} rows={orders} empty={empty}>
      {(o) => {
        const customer = customerOf?.(o);
        return (
          <Tr key={o.id}>
            <td>
              <Link href={`/admin/orders/${o.id}`} className="font-mono hover:underline">
                {o.id.slice(0, 8)}
              </Link>
            </td>
            <td className="whitespace-nowrap">{formatDateTime(o.createdAt)}</td>
            {customer ? (
              <td>
                <Link href={`/admin/users/${customer.id}`} className="hover:underline">
                  {customer.email}
                </Link>
              </td>
            ) : null}
            <td className="text-right tabular-nums">{o.itemCount}</td>
            <td className="text-right tabular-nums">{formatAmount(o.totalCents, o.currency)}</td>
            <td>
              <OrderStatusBadge status={o.status} />
            </td>
          </Tr>
        );
      }}
    </AdminTable>
  );
}
