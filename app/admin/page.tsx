import type { Metadata } from 'next';
import Link from 'next/link';
import { formatAmount } from '@/components/admin/format';
import { AdminPage } from '@/components/admin/page-header';
import { SalesChart } from '@/components/admin/sales-chart';
import { StatCard } from '@/components/admin/stat-card';
import { StatusChart } from '@/components/admin/status-chart';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { dashboardStats } from '@/lib/admin';
import { queueSummary } from '@/lib/admin/stats';
import { lowKeyEditions } from '@/lib/vault/inventory';
import type { LeaderboardEntry } from '@/lib/catalog/types';
import { requirePageAdmin } from '@/lib/auth';
import { ORDER_STATUSES, statusLabel } from '@/lib/orders';

export const metadata: Metadata = { title: 'Dashboard', robots: { index: false } };

function Board({
  title,
  entries,
  unit,
}: {
  title: string;
  entries: LeaderboardEntry[];
  unit: string;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        {entries.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing yet.</p>
        ) : (
          <ol className="grid gap-2">
            {entries.map((e) => (
              <li key={e.id} className="flex items-center justify-between gap-3 text-sm">
                <Link href={`/admin/products/${e.id}`} className="truncate hover:underline">
                  {e.rank}. {e.title}
                </Link>
                <span className="shrink-0 tabular-nums text-muted-foreground">
                  {e.score.toLocaleString('en-US')} {unit}
                </span>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}

export default async function AdminDashboardPage() {
  await requirePageAdmin('/admin');
  const [stats, lowKeys] = await Promise.all([dashboardStats(), lowKeyEditions(10)]);
  const money = (cents: number) => formatAmount(cents, stats.currency);
  const statusCounts = ORDER_STATUSES.map((s) => ({
    status: s,
    label: statusLabel(s),
    count: stats.ordersByStatus[s],
  }));
  const hitRate = stats.cache.hitRate === null ? '—' : `${Math.round(stats.cache.hitRate * 100)}%`;
  const queue = queueSummary(stats.queue);
  return (
    <AdminPage
      title="Dashboard"
      description="Sales, stock and the health of the shop at a glance. Times are UTC."
    >
      <section aria-labelledby="sales-heading" className="grid gap-4">
        <h2 id="sales-heading" className="sr-only">
          Sales
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard
            label="Revenue today"
            value={money(stats.totals.today.revenueCents)}
            detail={`${stats.totals.today.orders} orders placed`}
          />
          <StatCard
            label="Revenue, 7 days"
            value={money(stats.totals.last7Days.revenueCents)}
            detail={`${stats.totals.last7Days.orders} orders placed`}
          />
          <StatCard
            label="Revenue, 30 days"
            value={money(stats.totals.last30Days.revenueCents)}
            detail={`${stats.totals.last30Days.orders} orders placed`}
          />
        </div>
        <Card>
          <CardContent className="pt-5">
            <SalesChart daily={stats.daily} hourly={stats.hourly} currency={stats.currency} />
          </CardContent>
        </Card>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Orders by status</CardTitle>
          </CardHeader>
          <CardContent>
            <StatusChart counts={statusCounts} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Low stock</CardTitle>
          </CardHeader>
          <CardContent>
            {stats.lowStock.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                Every game on sale has stock to spare.
              </p>
            ) : (
              <ul className="grid gap-2">
                {stats.lowStock.map((p) => (
                  <li key={p.editionId} className="flex items-center justify-between gap-3 text-sm">
                    <Link href={`/admin/products/${p.id}`} className="truncate hover:underline">
                      {p.title}
                    </Link>
                    <Badge variant={p.stock === 0 ? 'destructive' : 'warning'}>
                      {p.stock === 0 ? 'Sold out' : `${p.stock} left`}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Low keys</CardTitle>
        </CardHeader>
        <CardContent>
          {lowKeys.length === 0 ? (
            <p className="text-sm text-muted-foreground">Every key edition has keys to spare.</p>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="low-keys">
              {lowKeys.map((k) => (
                <li key={k.editionId} className="flex items-center justify-between gap-3 text-sm">
                  <Link
                    href={`/admin/editions/${k.editionId}/keys`}
                    className="truncate hover:underline"
                  >
                    {k.productTitle} ({k.editionName})
                  </Link>
                  <Badge variant={k.owed > 0 || k.available === 0 ? 'destructive' : 'warning'}>
                    {k.owed > 0 ? `${k.owed} owed` : `${k.available} keys`}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>

      <div className="grid gap-4 lg:grid-cols-2">
        <Board title="Top sellers" entries={stats.topSellers} unit="sold" />
        <Board title="Most viewed" entries={stats.mostViewed} unit="views" />
      </div>

      <section aria-labelledby="health-heading" className="grid gap-4">
        <h2 id="health-heading" className="text-lg font-semibold">
          Shop health
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard
            label="Catalog cache hit rate"
            value={hitRate}
            detail={`${stats.cache.hits} hits, ${stats.cache.misses} misses on this instance since it started`}
          />
          <StatCard label="Jobs due" value={queue.value} detail={queue.detail} />
          <StatCard
            label="Failed jobs"
            value={stats.queue.dead}
            detail={`${stats.queue.running} running now`}
          />
        </div>
      </section>
    </AdminPage>
  );
}
