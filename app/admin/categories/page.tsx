import type { Metadata } from 'next';
import { ActionButton } from '@/components/admin/action-button';
import { AdminTable } from '@/components/admin/admin-table';
import {
  MoveCategoryButtons,
  NewCategoryForm,
  RenameCategoryForm,
} from '@/components/admin/category-forms';
import { Tr } from '@/components/admin/data-table';
import { AdminPage } from '@/components/admin/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { listAdminCategories } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import {
  createCategoryAction,
  deleteCategoryAction,
  moveCategoryAction,
  renameCategoryAction,
} from '../actions/categories';

export const metadata: Metadata = { title: 'Categories', robots: { index: false } };

export default async function AdminCategoriesPage() {
  await requirePageAdmin('/admin/categories');
  const categories = await listAdminCategories();
  return (
    <AdminPage
      title="Categories"
      description="The shop lists categories in this order. A category in use cannot be removed."
    >
      <Card>
        <CardHeader>
          <CardTitle>Add a category</CardTitle>
        </CardHeader>
        <CardContent>
          <NewCategoryForm action={createCategoryAction} />
        </CardContent>
      </Card>
      <AdminTable
        caption="Categories in shelf order"
        columns={['Order', 'Name', 'Slug', { label: 'Games', numeric: true }, 'Remove']}
        rows={categories}
      >
        {(c, i) => (
          <Tr key={c.id}>
            <td>
              <MoveCategoryButtons
                action={moveCategoryAction}
                id={c.id}
                name={c.name}
                first={i === 0}
                last={i === categories.length - 1}
              />
            </td>
            <td>
              <RenameCategoryForm action={renameCategoryAction} id={c.id} name={c.name} />
            </td>
            <td className="text-muted-foreground">{c.slug}</td>
            <td className="text-right tabular-nums">{c.productCount}</td>
            <td>
              <ActionButton
                action={deleteCategoryAction}
                fields={{ id: c.id }}
                label="Remove"
                pendingLabel="Removing…"
                variant="outline"
                confirm={`Remove the category “${c.name}”?`}
              />
            </td>
          </Tr>
        )}
      </AdminTable>
    </AdminPage>
  );
}
