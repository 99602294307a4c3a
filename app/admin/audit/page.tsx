import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, Th, Tr } from '@/components/admin/data-table';
import { Field, SelectField } from '@/components/admin/fields';
import { FilterForm } from '@/components/admin/filter-form';
import { formatDateTime } from '@/components/admin/format';
import { PageHeader } from '@/components/admin/page-header';
import { PageLinks } from '@/components/ui/pagination';
import { auditActions, auditQuerySchema, filtersFrom, listAudit, listingHref } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';

export const metadata: Metadata = { title: 'Audit log', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const ENTITY_LINK: Record<string, string> = {
  product: '/admin/products/',
  order: '/admin/orders/',
  user: '/admin/users/',
};

function Change({ value }: { value: unknown }) {
  if (value === null || value === undefined)
    return <span className="text-muted-foreground">—</span>;
  return (
    <pre className="max-w-xs overflow-x-auto text-xs whitespace-pre-wrap break-all">
      {JSON.stringify(value, null, 1)}
    </pre>
  );
}

export default async function AuditPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/audit');
  const filters = filtersFrom(auditQuerySchema, await searchParams);
  const [page, actions] = await Promise.all([listAudit(filters), auditActions()]);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit log"
        description="Every admin change: who, what, before and after, and when (UTC)."
      />
      <FilterForm action="/admin/audit" label="Filter the audit log">
        <Field
          name="actor"
          label="Admin"
          type="search"
          defaultValue={filters.actor ?? ''}
          placeholder="Email or id"
        />
        <SelectField
          name="entity"
          label="Entity"
          defaultValue={filters.entity ?? ''}
          options={[
            { value: '', label: 'Anything' },
            { value: 'product', label: 'Products' },
            { value: 'category', label: 'Categories' },
            { value: 'order', label: 'Orders' },
            { value: 'user', label: 'Users' },
          ]}
        />
        <SelectField
          name="action"
          label="Action"
          defaultValue={filters.action ?? ''}
          options={[
            { value: '', label: 'Any action' },
            ...actions.map((a) => ({ value: a, label: a })),
          ]}
        />
        <Field name="from" label="From" type="date" defaultValue={filters.from ?? ''} />
        <Field name="to" label="To" type="date" defaultValue={filters.to ?? ''} />
      </FilterForm>
      {page.items.length === 0 ? (
        <p className="text-muted-foreground">No entries match.</p>
      ) : (
        <DataTable caption="Audit entries, newest first">
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Admin</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>Before</Th>
              <Th>After</Th>
            </tr>
          </thead>
          <tbody className="align-top">
            {page.items.map((e) => {
              const link =
                e.entityId && ENTITY_LINK[e.entity]
                  ? `${ENTITY_LINK[e.entity]}${e.entityId}`
                  : null;
              return (
                <Tr key={e.id}>
                  <td className="whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
                  <td>
                    {e.actorEmail ?? 'Deleted user'}
                    {e.ip ? <div className="text-xs text-muted-foreground">{e.ip}</div> : null}
                  </td>
                  <td className="font-mono text-xs">{e.action}</td>
                  <td>
                    {link ? (
                      <Link href={link} className="hover:underline">
                        {e.entity} {e.entityId!.slice(0, 8)}
                      </Link>
                    ) : (
                      e.entity
                    )}
                  </td>
                  <td>
                    <Change value={e.before} />
                  </td>
                  <td>
                    <Change value={e.after} />
                  </td>
                </Tr>
              );
            })}
          </tbody>
        </DataTable>
      )}
      <PageLinks
        page={page.page}
        totalPages={page.pageCount}
        hrefFor={(n) => listingHref('/admin/audit', filters, { page: n })}
      />
    </div>
  );
}
