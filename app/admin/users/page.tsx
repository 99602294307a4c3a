import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, Th, Tr } from '@/components/admin/data-table';
import { Field, SelectField } from '@/components/admin/fields';
import { FilterForm } from '@/components/admin/filter-form';
import { formatDateTime } from '@/components/admin/format';
import { PageHeader } from '@/components/admin/page-header';
import { Badge } from '@/components/ui/badge';
import { PageLinks } from '@/components/ui/pagination';
import { filtersFrom, listAdminUsers, listingHref, userListQuerySchema } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';

export const metadata: Metadata = { title: 'Users', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminUsersPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/users');
  const filters = filtersFrom(userListQuerySchema, await searchParams);
  const page = await listAdminUsers(filters);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Users"
        description={`${page.total.toLocaleString('en-US')} accounts match.`}
      />
      <FilterForm action="/admin/users" label="Filter users">
        <Field
          name="q"
          label="Search"
          type="search"
          defaultValue={filters.q ?? ''}
          placeholder="Email or name"
        />
        <SelectField
          name="role"
          label="Role"
          defaultValue={filters.role ?? ''}
          options={[
            { value: '', label: 'Any role' },
            { value: 'customer', label: 'Customer' },
            { value: 'admin', label: 'Admin' },
          ]}
        />
        <SelectField
          name="status"
          label="Status"
          defaultValue={filters.status ?? ''}
          options={[
            { value: '', label: 'Any status' },
            { value: 'active', label: 'Active' },
            { value: 'disabled', label: 'Disabled' },
          ]}
        />
      </FilterForm>
      {page.items.length === 0 ? (
        <p className="text-muted-foreground">No accounts match.</p>
      ) : (
        <DataTable caption="Users">
          <thead>
            <tr>
              <Th>Email</Th>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th className="text-right">Orders</Th>
              <Th>Joined</Th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((u) => (
              <Tr key={u.id}>
                <td>
                  <Link href={`/admin/users/${u.id}`} className="font-medium hover:underline">
                    {u.email}
                  </Link>
                </td>
                <td>{u.name}</td>
                <td>
                  {u.role === 'admin' ? (
                    <Badge>Admin</Badge>
                  ) : (
                    <Badge variant="outline">Customer</Badge>
                  )}
                </td>
                <td>
                  {u.status === 'active' ? (
                    <Badge variant="success">Active</Badge>
                  ) : (
                    <Badge variant="destructive">Disabled</Badge>
                  )}
                </td>
                <td className="text-right tabular-nums">{u.orderCount}</td>
                <td className="whitespace-nowrap">{formatDateTime(u.createdAt)}</td>
              </Tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <PageLinks
        page={page.page}
        totalPages={page.pageCount}
        hrefFor={(n) => listingHref('/admin/users', filters, { page: n })}
      />
    </div>
  );
}
