import type { Metadata } from 'next';
import {
  ChoiceFilter,
  DateRangeFilter,
  FilterForm,
  SearchFilter,
} from '@/components/admin/filter-form';
import { ListingPages } from '@/components/admin/listing-pages';
import { OrderTable } from '@/components/admin/order-table';
import { AdminPage } from '@/components/admin/page-header';
import {
  adminOrderQuerySchema,
  filtersFrom,
  listAdminOrders,
  type SearchParams,
} from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { ORDER_STATUSES, statusLabel } from '@/lib/orders';

export const metadata: Metadata = { title: 'Orders', robots: { index: false } };

type Props = { searchParams: Promise<SearchParams> };

export default async function AdminOrdersPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/orders');
  const filters = filtersFrom(adminOrderQuerySchema, await searchParams);
  const page = await listAdminOrders(filters);
  return (
    <AdminPage
      title="Orders"
      description={`${page.total.toLocaleString('en-US')} orders match. Dates are UTC.`}
    >
      <FilterForm action="/admin/orders" label="Filter orders">
        <ChoiceFilter
          name="status"
          label="Status"
          value={filters.status}
          any="Any status"
          options={ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <DateRangeFilter from={filters.from} to={filters.to} />
        <SearchFilter
          name="customer"
          label="Customer"
          value={filters.customer}
          placeholder="Email, name or id"
        />
      </FilterForm>
      <OrderTable
        caption="Orders"
        orders={page.items}
        empty="No orders match these filters."
        customerOf={(o) => ({ id: o.customerId, email: o.customerEmail })}
      />
      <ListingPages path="/admin/orders" filters={filters} page={page} />
    </AdminPage>
  );
}
