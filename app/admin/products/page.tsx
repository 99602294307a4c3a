import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminTable } from '@/components/admin/admin-table';
import { Tr } from '@/components/admin/data-table';
import { SelectField } from '@/components/admin/fields';
import { ChoiceFilter, FilterForm, SearchFilter } from '@/components/admin/filter-form';
import { formatAmount } from '@/components/admin/format';
import { ListingPages } from '@/components/admin/listing-pages';
import { AdminPage } from '@/components/admin/page-header';
import { ProductStatusBadge } from '@/components/admin/product-status-badge';
import { Button } from '@/components/ui/button';
import {
  filtersFrom,
  listAdminCategories,
  listAdminProducts,
  productListQuerySchema,
  type SearchParams,
} from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { LOW_STOCK_THRESHOLD } from '@/lib/orders';

export const metadata: Metadata = { title: 'Products', robots: { index: false } };

type Props = { searchParams: Promise<SearchParams> };

export default async function AdminProductsPage({ searchParams }: Props) {
  await requirePageAdmin('/admin/products');
  const filters = filtersFrom(productListQuerySchema, await searchParams);
  const [page, categories] = await Promise.all([listAdminProducts(filters), listAdminCategories()]);
  return (
    <AdminPage
      title="Products"
      description={`${page.total.toLocaleString('en-US')} games match.`}
      actions={
        <Button asChild>
          <Link href="/admin/products/new">New product</Link>
        </Button>
      }
    >
      <FilterForm action="/admin/products" label="Filter products">
        <SearchFilter
          name="q"
          label="Search"
          value={filters.q}
          placeholder="Title, slug or developer"
        />
        <ChoiceFilter
          name="category"
          label="Category"
          value={filters.category}
          any="All categories"
          options={categories.map((c) => ({ value: c.id, label: c.name }))}
        />
        {/* Status always applies: a listing of every product, archived too, must be asked for. */}
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
        <ChoiceFilter
          name="stock"
          label="Stock"
          value={filters.stock}
          any="Any stock"
          options={[
            { value: 'low', label: `Low (1–${LOW_STOCK_THRESHOLD})` },
            { value: 'out', label: 'Sold out' },
          ]}
        />
      </FilterForm>
      <AdminTable
        caption="Products"
        columns={[
          'Title',
          'Category',
          { label: 'Price', numeric: true },
          { label: 'Stock', numeric: true },
          'Status',
        ]}
        rows={page.items}
        empty="No products match these filters."
      >
        {(p) => (
          <Tr key={p.id}>
            <td>
              <Link href={`/admin/products/${p.id}`} className="font-medium hover:underline">
                {p.title}
              </Link>
              <div className="text-xs text-muted-foreground">{p.slug}</div>
            </td>
            <td>{p.categoryName}</td>
            <td className="text-right tabular-nums">{formatAmount(p.priceCents, p.currency)}</td>
            <td className="text-right tabular-nums">{p.stock}</td>
            <td>
              <ProductStatusBadge archived={p.archivedAt !== null} />
            </td>
          </Tr>
        )}
      </AdminTable>
      <ListingPages path="/admin/products" filters={filters} page={page} />
    </AdminPage>
  );
}
