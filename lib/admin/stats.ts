import 'server-only';
import { and, asc, gte, inArray, isNull, lte, sql, eq } from 'drizzle-orm';
import { adminDb } from './db';
import { editions, jobs, orders, products } from '@/db/schema';
import { cacheStats } from '@/lib/cache';
import { SALE_STATUSES } from '@/lib/catalog/repository';
import type { LeaderboardEntry } from '@/lib/catalog/types';
import { readBoard } from '@/lib/leaderboards';
import { log } from '@/lib/log';
import { LOW_STOCK_THRESHOLD, ORDER_STATUSES, type OrderStatus } from '@/lib/orders';

export type DayPoint = { day: string; orders: number; revenueCents: number };
export type HourPoint = { hour: string; orders: number; revenueCents: number };
export type PeriodTotals = { orders: number; revenueCents: number };

export type DashboardStats = {
  generatedAt: string;
  currency: string;
  /** One point per UTC day, oldest first, ending today. */
  daily: DayPoint[];
  /** Today by UTC hour, "00" to "23". */
  hourly: HourPoint[];
  totals: { today: PeriodTotals; last7Days: PeriodTotals; last30Days: PeriodTotals };
  ordersByStatus: Record<OrderStatus, number>;
  /** Editions running out: `id` is the game's, `title` names the edition. */
  lowStock: { id: string; editionId: string; slug: string; title: string; stock: number }[];
  topSellers: LeaderboardEntry[];
  mostViewed: LeaderboardEntry[];
  cache: { hits: number; misses: number; bypasses: number; hitRate: number | null };
  queue: QueueStats;
};

export type QueueStats = {
  /** Every pending job: `due` ones plus `scheduled` ones. */
  pending: number;
  /** Pending jobs whose time has come: these are the ones waiting for a worker. */
  due: number;
  /** Pending jobs set to run later (retries backing off, delayed work); nobody is late on them. */
  scheduled: number;
  running: number;
  dead: number;
  /** How long the oldest due job has waited; null when none is due. */
  oldestPendingSeconds: number | null;
  /** When the next scheduled job falls due; null when none is scheduled. */
  nextScheduledSeconds: number | null;
};

/** "45s", "12 min", "3 h": how long, to the precision a glance needs. */
function duration(seconds: number): string {
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/**
 * The queue card's figure and sentence, from one set of counts so the two never disagree: the
 * figure is the jobs due now; jobs scheduled for later are named apart, since nobody is late on them.
 */
export function queueSummary(q: QueueStats): { value: number; detail: string } {
  const next =
    q.nextScheduledSeconds === null ? '' : ` (next in ${duration(q.nextScheduledSeconds)})`;
  const later = q.scheduled ? `${q.scheduled} scheduled for later${next}` : '';
  if (q.due === 0) return { value: 0, detail: later ? `None due now; ${later}` : 'Queue is empty' };
  const oldest =
    q.oldestPendingSeconds === null
      ? `${q.due} due now`
      : `Oldest waiting ${duration(q.oldestPendingSeconds)}`;
  return { value: q.due, detail: later ? `${oldest}; ${later}` : oldest };
}

const DAYS = 30;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Sales by the day the money came in; every order by the day it was placed. */
async function dailySeries(now: Date): Promise<DayPoint[]> {
  const db = await adminDb();
  const first = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (DAYS - 1)),
  );
  const placedDay = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const soldAt = sql`coalesce(${orders.paidAt}, ${orders.createdAt})`;
  const soldDay = sql<string>`to_char((${soldAt}) at time zone 'UTC', 'YYYY-MM-DD')`;
  const [placed, sold] = await Promise.all([
    db
      .select({ day: placedDay, n: sql<number>`count(*)::int` })
      .from(orders)
      .where(gte(orders.createdAt, first))
      .groupBy(placedDay),
    db
      .select({ day: soldDay, cents: sql<number>`coalesce(sum(${orders.totalCents}), 0)::bigint` })
      .from(orders)
      .where(
        and(
          inArray(orders.status, [...SALE_STATUSES]),
          sql`${soldAt} >= ${first.toISOString()}::timestamptz`,
        ),
      )
      .groupBy(soldDay),
  ]);
  const ordersByDay = new Map(placed.map((r) => [r.day, Number(r.n)]));
  const revenueByDay = new Map(sold.map((r) => [r.day, Number(r.cents)]));
  return Array.from({ length: DAYS }, (_, i) => {
    const day = utcDay(new Date(first.getTime() + i * 86_400_000));
    return { day, orders: ordersByDay.get(day) ?? 0, revenueCents: revenueByDay.get(day) ?? 0 };
  });
}

async function hourlySeries(now: Date): Promise<HourPoint[]> {
  const db = await adminDb();
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const placedHour = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'HH24')`;
  const soldAt = sql`coalesce(${orders.paidAt}, ${orders.createdAt})`;
  const soldHour = sql<string>`to_char((${soldAt}) at time zone 'UTC', 'HH24')`;
  const [placed, sold] = await Promise.all([
    db
      .select({ hour: placedHour, n: sql<number>`count(*)::int` })
      .from(orders)
      .where(gte(orders.createdAt, midnight))
      .groupBy(placedHour),
    db
      .select({
        hour: soldHour,
        cents: sql<number>`coalesce(sum(${orders.totalCents}), 0)::bigint`,
      })
      .from(orders)
      .where(
        and(
          inArray(orders.status, [...SALE_STATUSES]),
          sql`${soldAt} >= ${midnight.toISOString()}::timestamptz`,
        ),
      )
      .groupBy(soldHour),
  ]);
  const n = new Map(placed.map((r) => [r.hour, Number(r.n)]));
  const cents = new Map(sold.map((r) => [r.hour, Number(r.cents)]));
  return Array.from({ length: 24 }, (_, h) => {
    const hour = String(h).padStart(2, '0');
    return { hour, orders: n.get(hour) ?? 0, revenueCents: cents.get(hour) ?? 0 };
  });
}

function sumLast(points: DayPoint[], days: number): PeriodTotals {
  return points
    .slice(-days)
    .reduce(
      (t, p) => ({ orders: t.orders + p.orders, revenueCents: t.revenueCents + p.revenueCents }),
      {
        orders: 0,
        revenueCents: 0,
      },
    );
}

/** A board that cannot be read leaves its panel empty; the rest of the dashboard still answers. */
async function board(name: string): Promise<LeaderboardEntry[]> {
  try {
    return await readBoard(name, 5);
  } catch (err) {
    log.warn({ err, board: name }, 'dashboard could not read a leaderboard');
    return [];
  }
}

export async function dashboardStats(now = new Date()): Promise<DashboardStats> {
  const db = await adminDb();
  const [daily, hourly, statusRows, lowStock, topSellers, mostViewed, queueRows] =
    await Promise.all([
      dailySeries(now),
      hourlySeries(now),
      db
        .select({ status: orders.status, n: sql<number>`count(*)::int` })
        .from(orders)
        .groupBy(orders.status),
      db
        .select({
          id: products.id,
          editionId: editions.id,
          slug: products.slug,
          title: sql<string>`${products.title} || ' (' || ${editions.name} || ')'`,
          stock: sql<number>`${editions.stock}`.mapWith(Number),
        })
        .from(editions)
        .innerJoin(products, eq(products.id, editions.productId))
        .where(
          and(
            isNull(products.archivedAt),
            isNull(editions.archivedAt),
            lte(editions.stock, LOW_STOCK_THRESHOLD),
          ),
        )
        .orderBy(asc(editions.stock), asc(products.title))
        .limit(10),
      board('top-sellers'),
      board('most-viewed'),
      db
        .select({
          status: jobs.status,
          n: sql<number>`count(*)::int`,
          // Only jobs already due are late; ones scheduled for later are not waiting yet. Both
          // sides of the split are counted here, with one clock (the database's).
          due: sql<number>`(count(*) filter (where ${jobs.runAt} <= now()))::int`,
          waited: sql<
            number | null
          >`extract(epoch from now() - min(${jobs.runAt}) filter (where ${jobs.runAt} <= now()))::float8`,
          nextIn: sql<
            number | null
          >`extract(epoch from min(${jobs.runAt}) filter (where ${jobs.runAt} > now()) - now())::float8`,
        })
        .from(jobs)
        .where(inArray(jobs.status, ['pending', 'running', 'dead']))
        .groupBy(jobs.status),
    ]);
  const ordersByStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const r of statusRows) ordersByStatus[r.status] = Number(r.n);
  const queue: QueueStats = {
    pending: 0,
    due: 0,
    scheduled: 0,
    running: 0,
    dead: 0,
    oldestPendingSeconds: null,
    nextScheduledSeconds: null,
  };
  // Measured on the database's clock, the one that decided what is due.
  const seconds = (v: number | string | null) =>
    v === null ? null : Math.max(0, Math.round(Number(v)));
  for (const r of queueRows) {
    if (r.status === 'pending' || r.status === 'running' || r.status === 'dead')
      queue[r.status] = Number(r.n);
    if (r.status !== 'pending') continue;
    queue.due = Number(r.due);
    queue.scheduled = queue.pending - queue.due;
    queue.oldestPendingSeconds = seconds(r.waited);
    // A job counted as scheduled is still ahead, however little: never "next in 0 s".
    queue.nextScheduledSeconds =
      r.nextIn === null ? null : Math.max(1, Math.ceil(Number(r.nextIn)));
  }
  const c = cacheStats();
  const lookups = c.hits + c.misses + c.bypasses;
  return {
    generatedAt: now.toISOString(),
    currency: 'USD',
    daily,
    hourly,
    totals: {
      today: sumLast(daily, 1),
      last7Days: sumLast(daily, 7),
      last30Days: sumLast(daily, DAYS),
    },
    ordersByStatus,
    lowStock,
    topSellers,
    mostViewed,
    cache: {
      hits: c.hits,
      misses: c.misses,
      bypasses: c.bypasses,
      hitRate: lookups ? c.hits / lookups : null,
    },
    queue,
  };
}
