import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { AuditActor, AuditChanges } from '@/components/admin/audit-changes';
import { Tr } from '@/components/admin/data-table';
import {
  ChoiceFilter,
  DateRangeFilter,
  FilterForm,
  SearchFilter,
} from '@/components/admin/filter-form';
import { formatDateTime } from '@/components/admin/format';
import { ListingPages } from '@/components/admin/listing-pages';
import { AdminPage } from '@/components/admin/page-header';
import {
  auditActions,
  auditQuerySchema,
  filtersFrom,
  listAudit,
  type AuditEntry,
  type SearchParams,
} from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';

export const metadata: Metadata = { title: 'Audit log', robots: { index: false } };

type Props = { searchParams: Promise<SearchParams> };

const ENTITY_LINK: Record<string, string> = {
  product: '/admin/products/',
  order: '/admin/orders/',
  user: '/admin/users/',
};

const ENTITY_LABEL: Record<string, string> = {
  product: 'Game',
  product_image: 'Image',
  edition: 'Edition',
  category: 'Category',
  order: 'Order',
  user: 'User',
};

/** "Game Star Fox", "Order 1a2b3c4d", "Categories" (a reorder names no single one). */
function targetText(e: AuditEntry): string {
  const kind = ENTITY_LABEL[e.entity] ?? e.entity;
  if (!e.entityId) return e.entity === 'category' ? 'Categories' : kind;
  return `${kind} ${e.targetName ?? e.entityId.slice(0, 8)}`;
}

export default async function AuditPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/audit');
  const filters = filtersFrom(auditQuerySchema, await searchParams);
  const [page, actions] = await Promise.all([listAudit(filters), auditActions()]);
  return (
    <AdminPage
      title="Audit log"
      description="Every admin change and what the shop did by itself: who, what changed, and when (UTC)."
    >
      <FilterForm action="/admin/audit" label="Filter the audit log">
        <SearchFilter name="actor" label="Admin" value={filters.actor} placeholder="Email or id" />
        <ChoiceFilter
          name="entity"
          label="Entity"
          value={filters.entity}
          any="Anything"
          options={[
            { value: 'product', label: 'Products' },
            { value: 'category', label: 'Categories' },
            { value: 'order', label: 'Orders' },
            { value: 'user', label: 'Users' },
          ]}
        />
        <ChoiceFilter
          name="action"
          label="Action"
          value={filters.action}
          any="Any action"
          options={actions.map((a) => ({ value: a, label: a }))}
        />
        <DateRangeFilter from={filters.from} to={filters.to} />
      </FilterForm>
      <AdminTable
        caption="Audit entries, newest first"
        columns={['When', 'By', 'Action', 'Target', 'Change']}
        rows={page.items}
        empty="No entries match."
        bodyClassName="align-top"
      >
        {(e) => {
          const link =
            e.entityId && ENTITY_LINK[e.entity] ? `${ENTITY_LINK[e.entity]}${e.entityId}` : null;
          return (
            <Tr key={e.id}>
              <td className="whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
              <td>
                <AuditActor entry={e} />
                {e.ip ? <div className="text-xs text-muted-foreground">{e.ip}</div> : null}
              </td>
              <td className="font-mono text-xs">{e.action}</td>
              <td>
                {link ? (
                  <Link href={link} className="hover:underline">
                    {targetText(e)}
                  </Link>
                ) : (
                  targetText(e)
                )}
              </td>
              <td>
                <AuditChanges entry={e} />
              </td>
            </Tr>
          );
        }}
      </AdminTable>
      <ListingPages path="/admin/audit" filters={filters} page={page} />
    </AdminPage>
  );
}
