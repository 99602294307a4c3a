import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, Th, Tr } from '@/components/admin/data-table';
import { Field, SelectField } from '@/components/admin/fields';
import { FilterForm } from '@/components/admin/filter-form';
import { formatAmount, formatDateTime } from '@/components/admin/format';
import { OrderStatusBadge } from '@/components/admin/order-status-badge';
import { PageHeader } from '@/components/admin/page-header';
import { PageLinks } from '@/components/ui/pagination';
import { adminOrderQuerySchema, filtersFrom, listAdminOrders, listingHref } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { ORDER_STATUSES, statusLabel } from '@/lib/orders';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminOrdersPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/orders');
  const filters = filtersFrom(adminOrderQuerySchema, await searchParams);
  const page = await listAdminOrders(filters);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Orders"
        description={`${page.total.toLocaleString('en-US')} orders match. Dates are UTC.`}
      />
      <FilterForm action="/admin/orders" label="Filter orders">
        <SelectField
          name="status"
          label="Status"
          defaultValue={filters.status ?? ''}
          options={[
            { value: '', label: 'Any status' },
            ...ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
          ]}
        />
        <Field name="from" label="From" type="date" defaultValue={filters.from ?? ''} />
        <Field name="to" label="To" type="date" defaultValue={filters.to ?? ''} />
        <Field
          name="customer"
          label="Customer"
          type="search"
          defaultValue={filters.customer ?? ''}
          placeholder="Email, name or id"
        />
      </FilterForm>
      {page.items.length === 0 ? (
        <p className="text-muted-foreground">No orders match these filters.</p>
      ) : (
        <DataTable caption="Orders">
          <thead>
            <tr>
              <Th>Order</Th>
              <Th>Placed</Th>
              <Th>Customer</Th>
              <Th className="text-right">Items</Th>
              <Th className="text-right">Total</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((o) => (
              <Tr key={o.id}>
                <td>
                  <Link href={`/admin/orders/${o.id}`} className="font-mono hover:underline">
                    {o.id.slice(0, 8)}
                  </Link>
                </td>
                <td className="whitespace-nowrap">{formatDateTime(o.createdAt)}</td>
                <td>
                  <Link href={`/admin/users/${o.customerId}`} className="hover:underline">
                    {o.customerEmail}
                  </Link>
                </td>
                <td className="text-right tabular-nums">{o.itemCount}</td>
                <td className="text-right tabular-nums">
                  {formatAmount(o.totalCents, o.currency)}
                </td>
                <td>
                  <OrderStatusBadge status={o.status} />
                </td>
              </Tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <PageLinks
        page={page.page}
        totalPages={page.pageCount}
        hrefFor={(n) => listingHref('/admin/orders', filters, { page: n })}
      />
    </div>
  );
}
