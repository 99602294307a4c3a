import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { Button } from '@/components/ui/button';
import { PageLinks } from '@/components/ui/pagination';
import { requirePageUser } from '@/lib/auth';
import { formatMoney } from '@/lib/format/money';
import { listOrders, orderListQuerySchema } from '@/lib/orders';

export const metadata: Metadata = { title: 'Your orders' };

type Props = { searchParams: Promise<{ page?: string }> };

export default async function OrdersPage({ searchParams }: Props) {
  const user = await requirePageUser('/orders');
  const parsed = orderListQuerySchema.safeParse({ page: (await searchParams).page });
  const page = parsed.success ? parsed.data.page : 1;
  const result = await listOrders(user.id, page, 10);
  return (
    <div className="container-shop py-8 sm:py-12">
      <h1 className="mb-6 text-3xl font-extrabold tracking-tight">Your orders</h1>
      {result.total === 0 ? (
        <div className="flex flex-col items-start gap-4">
          <p>You have not ordered anything yet.</p>
          <Button asChild>
            <Link href="/products">Browse games</Link>
          </Button>
        </div>
      ) : (
        <>
          <ul
            className="divide-y divide-border rounded-lg border border-border"
            data-testid="order-list"
          >
            {result.orders.map((o) => (
              <li key={o.id}>
                <Link
                  href={`/orders/${o.id}`}
                  className="flex flex-wrap items-center gap-x-6 gap-y-2 p-4 hover:bg-accent"
                  data-testid="order-row"
                >
                  <span className="font-mono font-semibold">{o.id.slice(0, 8)}</span>
                  <time dateTime={o.createdAt} className="text-sm text-muted-foreground">
                    {new Date(o.createdAt).toLocaleDateString('en-US', {
                      dateStyle: 'medium',
                      timeZone: 'UTC',
                    })}
                  </time>
                  <span className="text-sm text-muted-foreground">
                    {o.itemCount} {o.itemCount === 1 ? 'item' : 'items'}
                  </span>
                  <OrderStatusBadge status={o.status} />
                  <span className="ml-auto font-semibold tabular-nums">
                    {formatMoney(o.totalCents, o.currency)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
          <PageLinks
            className="mt-6"
            page={result.page}
            totalPages={result.pageCount}
            hrefFor={(p) => `/orders?page=${p}`}
          />
        </>
      )}
    </div>
  );
}
