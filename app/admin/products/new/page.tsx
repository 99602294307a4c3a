import type { Metadata } from 'next';
import { AdminPage } from '@/components/admin/page-header';
import { emptyProduct, ProductForm } from '@/components/admin/product-form';
import { Card, CardContent } from '@/components/ui/card';
import { listAdminCategories } from '@/lib/admin';
import { SHOPPER_SPECS } from '@/lib/admin/product-schemas';
import { requirePageAdmin } from '@/lib/auth';
import { createProductAction } from '../../actions/products';

export const metadata: Metadata = { title: 'New product', robots: { index: false } };

export default async function NewProductPage() {
  await requirePageAdmin('/admin/products/new');
  const categories = await listAdminCategories();
  return (
    <AdminPage
      title="New product"
      description="It goes on sale as soon as you create it. Add images on the next page."
    >
      <Card>
        <CardContent className="pt-5">
          <ProductForm
            action={createProductAction}
            mode="create"
            product={emptyProduct}
            specFields={SHOPPER_SPECS}
            categories={categories.map((c) => ({ value: c.id, label: c.name }))}
          />
        </CardContent>
      </Card>
    </AdminPage>
  );
}
