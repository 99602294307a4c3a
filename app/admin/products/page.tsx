import type { Metadata } from 'next';
import Link from 'next/link';
import { DataTable, Th, Tr } from '@/components/admin/data-table';
import { Field, SelectField } from '@/components/admin/fields';
import { FilterForm } from '@/components/admin/filter-form';
import { formatAmount } from '@/components/admin/format';
import { PageHeader } from '@/components/admin/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { PageLinks } from '@/components/ui/pagination';
import {
  filtersFrom,
  listAdminCategories,
  listAdminProducts,
  listingHref,
  productListQuerySchema,
} from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { LOW_STOCK_THRESHOLD } from '@/lib/orders';

export const metadata: Metadata = { title: 'Products', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminProductsPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/products');
  const filters = filtersFrom(productListQuerySchema, await searchParams);
  const [page, categories] = await Promise.all([listAdminProducts(filters), listAdminCategories()]);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Products"
        description={`${page.total.toLocaleString('en-US')} games match.`}
        actions={
          <Button asChild>
            <Link href="/admin/products/new">New product</Link>
          </Button>
        }
      />
      <FilterForm action="/admin/products" label="Filter products">
        <Field
          name="q"
          label="Search"
          type="search"
          defaultValue={filters.q ?? ''}
          placeholder="Title, slug or developer"
        />
        <SelectField
          name="category"
          label="Category"
          defaultValue={filters.category ?? ''}
          options={[
            { value: '', label: 'All categories' },
            ...categories.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <SelectField
          name="status"
          label="Status"
          defaultValue={filters.status}
          options={[
            { value: 'active', label: 'On sale' },
            { value: 'archived', label: 'Archived' },
            { value: 'all', label: 'All' },
          ]}
        />
        <SelectField
          name="stock"
          label="Stock"
          defaultValue={filters.stock ?? ''}
          options={[
            { value: '', label: 'Any stock' },
            { value: 'low', label: `Low (1–${LOW_STOCK_THRESHOLD})` },
            { value: 'out', label: 'Sold out' },
          ]}
        />
      </FilterForm>
      {page.items.length === 0 ? (
        <p className="text-muted-foreground">No products match these filters.</p>
      ) : (
        <DataTable caption="Products">
          <thead>
            <tr>
              <Th>Title</Th>
              <Th>Category</Th>
              <Th className="text-right">Price</Th>
              <Th className="text-right">Stock</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((p) => (
              <Tr key={p.id}>
                <td>
                  <Link href={`/admin/products/${p.id}`} className="font-medium hover:underline">
                    {p.title}
                  </Link>
                  <div className="text-xs text-muted-foreground">{p.slug}</div>
                </td>
                <td>{p.categoryName}</td>
                <td className="text-right tabular-nums">
                  {formatAmount(p.priceCents, p.currency)}
                </td>
                <td className="text-right tabular-nums">{p.stock}</td>
                <td>
                  {p.archivedAt ? (
                    <Badge variant="secondary">Archived</Badge>
                  ) : (
                    <Badge variant="success">On sale</Badge>
                  )}
                </td>
              </Tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <PageLinks
        page={page.page}
        totalPages={page.pageCount}
        hrefFor={(n) => listingHref('/admin/products', filters, { page: n })}
      />
    </div>
  );
}
