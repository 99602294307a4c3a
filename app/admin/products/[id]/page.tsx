import type { Metadata } from 'next';
import Image from 'next/image';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionButton } from '@/components/admin/action-button';
import { AdminTable } from '@/components/admin/admin-table';
import { Tr } from '@/components/admin/data-table';
import { formatDateTime } from '@/components/admin/format';
import { ImageUploader } from '@/components/admin/image-uploader';
import { AdminPage } from '@/components/admin/page-header';
import { ProductForm, type ProductFormValues } from '@/components/admin/product-form';
import { ProductStatusBadge } from '@/components/admin/product-status-badge';
import { StockForm } from '@/components/admin/stock-form';
import { EditionForm } from '@/components/admin/edition-form';
import { FadingNotice } from '@/components/admin/fading';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import {
  getAdminProduct,
  listAdminCategories,
  listStockAdjustments,
  type AdminProduct,
  type SearchParams,
} from '@/lib/admin';
import { SHOPPER_SPECS } from '@/lib/admin/product-schemas';
import { requirePageAdmin } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import {
  adjustStockAction,
  archiveProductAction,
  createEditionAction,
  deleteImageAction,
  updateProductAction,
} from '../../actions/products';

export const metadata: Metadata = { title: 'Edit product', robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
};

function formValues(p: AdminProduct): ProductFormValues {
  return {
    id: p.id,
    title: p.title,
    slug: p.slug,
    description: p.description,
    price: (p.priceCents / 100).toFixed(2),
    currency: p.currency,
    categoryId: p.categoryId,
    platforms: p.platforms.join(', '),
    genres: p.genres.join(', '),
    developer: p.developer,
    publisher: p.publisher,
    releaseDate: p.releaseDate,
    featured: p.featured,
    specs: p.specs,
  };
}

export default async function EditProductPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requirePageAdmin(`/admin/products/${id}`);
  const product = await getAdminProduct(id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [categories, adjustments, query] = await Promise.all([
    listAdminCategories(),
    listStockAdjustments(id, 10),
    searchParams,
  ]);
  const archived = product.archivedAt !== null;
  return (
    <AdminPage
      title={product.title}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <ProductStatusBadge archived={archived} />
          <span>{product.stock} in stock</span>
          {!archived ? (
            <Link
              href={`/products/${product.slug}`}
              className="text-neon underline-offset-4 hover:underline"
            >
              View in the shop
            </Link>
          ) : null}
        </span>
      }
    >
      {query.created ? (
        <FadingNotice>
          <Alert variant="success">
            <AlertDescription>Product created and on sale. Add an image below.</AlertDescription>
          </Alert>
        </FadingNotice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <ProductForm
              action={updateProductAction}
              mode="edit"
              product={formValues(product)}
              specFields={SHOPPER_SPECS}
              categories={categories.map((c) => ({ value: c.id, label: c.name }))}
            />
          </CardContent>
        </Card>
        <div className="grid content-start gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Editions</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <ul className="grid gap-2 text-sm" data-testid="admin-editions">
                {product.editions.map((e) => (
                  <li
                    key={e.id}
                    className="flex flex-wrap items-baseline justify-between gap-2 border-b border-border pb-2"
                  >
                    <span>
                      <span className="font-medium">{e.name}</span>
                      {e.archivedAt && (
                        <span className="ml-2 text-muted-foreground">(archived)</span>
                      )}
                      <span className="block text-xs text-muted-foreground">
                        {e.sku} · {e.delivery} · {formatMoney(e.priceCents, e.currency)}
                      </span>
                    </span>
                    <span className="text-right tabular-nums">
                      {e.keys ? (
                        <Link
                          href={`/admin/editions/${e.id}/keys`}
                          className="text-neon underline-offset-4 hover:underline"
                        >
                          {e.keys.available} keys · {e.stock} on sale
                        </Link>
                      ) : e.stock === null ? (
                        'unlimited'
                      ) : (
                        `${e.stock} in stock`
                      )}
                    </span>
                  </li>
                ))}
              </ul>
              <EditionForm action={createEditionAction} productId={product.id} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Images</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              {product.images.length === 0 ? (
                <p className="text-sm text-muted-foreground">
                  No images yet: the shop shows generated cover art.
                </p>
              ) : (
                <ul className="grid grid-cols-2 gap-3">
                  {product.images.map((image) => (
                    <li key={image.id} className="grid gap-2">
                      <Image
                        src={image.url}
                        alt={image.alt || `Image of ${product.title}`}
                        width={image.width}
                        height={image.height}
                        className="aspect-[3/4] w-full rounded-md border object-cover"
                        unoptimized
                      />
                      <ActionButton
                        action={deleteImageAction}
                        fields={{ id: product.id, imageId: image.id }}
                        label="Remove"
                        pendingLabel="Removing…"
                        variant="outline"
                      />
                    </li>
                  ))}
                </ul>
              )}
              <ImageUploader productId={product.id} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Stock</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              <StockForm
                action={adjustStockAction}
                productId={product.id}
                editions={product.editions
                  .filter((e) => !e.archivedAt && e.delivery !== 'key' && e.stock !== null)
                  .map((e) => ({ value: e.id, label: e.name }))}
              />
              {adjustments.length ? (
                <AdminTable
                  caption="Recent stock changes"
                  columns={['When', { label: 'Change', numeric: true }, 'Reason']}
                  rows={adjustments}
                  bodyClassName="align-top"
                >
                  {(a) => (
                    <Tr key={a.id}>
                      <td>
                        {formatDateTime(a.createdAt)}
                        {a.editionName && (
                          <span className="block text-xs text-muted-foreground">
                            {a.editionName}
                          </span>
                        )}
                      </td>
                      <td className="text-right tabular-nums">
                        {a.delta > 0 ? `+${a.delta}` : a.delta}
                      </td>
                      {/* The card is narrow: every column wraps (long words too) rather than scroll out of view. */}
                      <td className="min-w-24 [overflow-wrap:anywhere]">{a.reason}</td>
                    </Tr>
                  )}
                </AdminTable>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{archived ? 'Restore' : 'Archive'}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3">
              <p className="text-sm text-muted-foreground">
                {archived
                  ? 'Put this game back on sale with its history intact.'
                  : 'Take this game off sale. Past orders keep it; you can restore it at any time.'}
              </p>
              <ActionButton
                action={archiveProductAction}
                fields={{ id: product.id, intent: archived ? 'restore' : 'archive' }}
                label={archived ? 'Restore product' : 'Archive product'}
                pendingLabel={archived ? 'Restoring…' : 'Archiving…'}
                variant={archived ? 'secondary' : 'destructive'}
              />
            </CardContent>
          </Card>
        </div>
      </div>
    </AdminPage>
  );
}
