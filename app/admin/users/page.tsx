import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { Tr } from '@/components/admin/data-table';
import { ChoiceFilter, FilterForm, SearchFilter } from '@/components/admin/filter-form';
import { formatDateTime } from '@/components/admin/format';
import { ListingPages } from '@/components/admin/listing-pages';
import { AdminPage } from '@/components/admin/page-header';
import { AccountStatusBadge, RoleBadge } from '@/components/admin/user-badges';
import { filtersFrom, listAdminUsers, userListQuerySchema, type SearchParams } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';

export const metadata: Metadata = { title: 'Users', robots: { index: false } };

type Props = { searchParams: Promise<SearchParams> };

export default async function AdminUsersPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/users');
  const filters = filtersFrom(userListQuerySchema, await searchParams);
  const page = await listAdminUsers(filters);
  return (
    <AdminPage title="Users" description={`${page.total.toLocaleString('en-US')} accounts match.`}>
      <FilterForm action="/admin/users" label="Filter users">
        <SearchFilter name="q" label="Search" value={filters.q} placeholder="Email or name" />
        <ChoiceFilter
          name="role"
          label="Role"
          value={filters.role}
          any="Any role"
          options={[
            { value: 'customer', label: 'Customer' },
            { value: 'admin', label: 'Admin' },
          ]}
        />
        <ChoiceFilter
          name="status"
          label="Status"
          value={filters.status}
          any="Any status"
          options={[
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
      </FilterForm>
      <AdminTable
        caption="Users"
        columns={['Email', 'Name', 'Role', 'Status', { label: 'Orders', numeric: true }, 'Joined']}
        rows={page.items}
        empty="No accounts match."
      >
        {(u) => (
          <Tr key={u.id}>
            <td>
              <Link href={`/admin/users/${u.id}`} className="font-medium hover:underline">
                {u.email}
              </Link>
            </td>
            <td>{u.name}</td>
            <td>
              <RoleBadge role={u.role} />
            </td>
            <td>
              <AccountStatusBadge status={u.status} />
            </td>
            <td className="text-right tabular-nums">{u.orderCount}</td>
            <td className="whitespace-nowrap">{formatDateTime(u.createdAt)}</td>
          </Tr>
        )}
      </AdminTable>
      <ListingPages path="/admin/users" filters={filters} page={page} />
    </AdminPage>
  );
}
