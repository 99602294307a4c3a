import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionButton } from '@/components/admin/action-button';
import { formatDateTime } from '@/components/admin/format';
import { ListingPages } from '@/components/admin/listing-pages';
import { OrderTable } from '@/components/admin/order-table';
import { AdminPage } from '@/components/admin/page-header';
import { AccountStatusBadge, RoleBadge } from '@/components/admin/user-badges';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import {
  filtersFrom,
  getAdminUser,
  listUserOrders,
  pageSchema,
  type SearchParams,
} from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';
import { changeRoleAction, setUserStatusAction } from '../../actions/users';

export const metadata: Metadata = { title: 'User', robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
};

export default async function AdminUserPage({ params, searchParams }: Props) {
  const { id } = await params;
  const admin = await requirePageAdmin(`/admin/users/${id}`);
  // The API's bounds on `page`: a huge one would overflow Postgres's OFFSET into a 500.
  const { page } = filtersFrom(pageSchema, await searchParams);
  const [user, orders] = await Promise.all([getAdminUser(id), listUserOrders(id, page)]).catch(
    (err: unknown) => {
      if (err instanceof NotFoundError) notFound();
      throw err;
    },
  );
  const self = admin.id === user.id;
  return (
    <AdminPage
      title={user.name}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <span>{user.email}</span>
          <RoleBadge role={user.role} />
          <AccountStatusBadge status={user.status} />
          <span>Joined {formatDateTime(user.createdAt)}</span>
        </span>
      }
    >
      <Card>
        <CardHeader>
          <CardTitle>Access</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          {self ? (
            <p className="text-sm text-muted-foreground">
              This is your account: another admin must change its role or disable it.
            </p>
          ) : (
            <div className="flex flex-wrap gap-6">
              <ActionButton
                action={changeRoleAction}
                fields={{ id: user.id, role: user.role === 'admin' ? 'customer' : 'admin' }}
                label={user.role === 'admin' ? 'Make customer' : 'Make admin'}
                pendingLabel="Saving…"
                variant="secondary"
              />
              <ActionButton
                action={setUserStatusAction}
                fields={{ id: user.id, status: user.status === 'active' ? 'disabled' : 'active' }}
                label={user.status === 'active' ? 'Disable account' : 'Enable account'}
                pendingLabel="Saving…"
                variant={user.status === 'active' ? 'destructive' : 'default'}
                confirm={
                  user.status === 'active'
                    ? `Disable ${user.email} and sign them out everywhere?`
                    : undefined
                }
              />
            </div>
          )}
        </CardContent>
      </Card>
      <section aria-labelledby="orders-heading" className="grid gap-3">
        <h2 id="orders-heading" className="text-lg font-semibold">
          Orders ({orders.total})
        </h2>
        <OrderTable
          caption={`Orders of ${user.email}`}
          orders={orders.orders}
          empty="No orders yet."
        />
        <ListingPages path={`/admin/users/${user.id}`} page={orders} />
      </section>
    </AdminPage>
  );
}
