import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionButton } from '@/components/admin/action-button';
import { DataTable, Th, Tr } from '@/components/admin/data-table';
import { formatAmount, formatDateTime } from '@/components/admin/format';
import { OrderStatusBadge } from '@/components/admin/order-status-badge';
import { PageHeader } from '@/components/admin/page-header';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { PageLinks } from '@/components/ui/pagination';
import { getAdminUser, listUserOrders } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';
import { changeRoleAction, setUserStatusAction } from '../../actions/users';

export const metadata: Metadata = { title: 'User', robots: { index: false } };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function AdminUserPage({ params, searchParams }: Props) {
  const { id } = await params;
  const admin = await requirePageAdmin(`/admin/users/${id}`);
  const pageParam = Number((await searchParams).page);
  // Same bounds as the API's `page`: a huge one would overflow Postgres's OFFSET into a 500.
  const pageNumber = Number.isInteger(pageParam) && pageParam > 0 && pageParam <= 10_000 ? pageParam : 1;
  const [user, orders] = await Promise.all([
    getAdminUser(id),
    listUserOrders(id, pageNumber),
  ]).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const self = admin.id === user.id;
  return (
    <div className="grid gap-6">
      <PageHeader
        title={user.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{user.email}</span>
            {user.role === 'admin' ? (
              <Badge>Admin</Badge>
            ) : (
              <Badge variant="outline">Customer</Badge>
            )}
            {user.status === 'active' ? (
              <Badge variant="success">Active</Badge>
            ) : (
              <Badge variant="destructive">Disabled</Badge>
            )}
            <span>Joined {formatDateTime(user.createdAt)}</span>
          </span>
        }
      />
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
        {orders.orders.length === 0 ? (
          <p className="text-muted-foreground">No orders yet.</p>
        ) : (
          <DataTable caption={`Orders of ${user.email}`}>
            <thead>
              <tr>
                <Th>Order</Th>
                <Th>Placed</Th>
                <Th className="text-right">Items</Th>
                <Th className="text-right">Total</Th>
                <Th>Status</Th>
              </tr>
            </thead>
            <tbody>
              {orders.orders.map((o) => (
                <Tr key={o.id}>
                  <td>
                    <Link href={`/admin/orders/${o.id}`} className="font-mono hover:underline">
                      {o.id.slice(0, 8)}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap">{formatDateTime(o.createdAt)}</td>
                  <td className="text-right tabular-nums">{o.itemCount}</td>
                  <td className="text-right tabular-nums">
                    {formatAmount(o.totalCents, o.currency)}
                  </td>
                  <td>
                    <OrderStatusBadge status={o.status} />
                  </td>
                </Tr>
              ))}
            </tbody>
          </DataTable>
        )}
        <PageLinks
          page={orders.page}
          totalPages={orders.pageCount}
          hrefFor={(n) =>
            n === 1 ? `/admin/users/${user.id}` : `/admin/users/${user.id}?page=${n}`
          }
        />
      </section>
    </div>
  );
}
