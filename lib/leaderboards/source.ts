import 'server-only';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orderItems, orders, products, productViews } from '@/db/schema';
import { SALE_STATUSES, weightedRating } from '@/lib/catalog';
import { genreKey } from './keys';

export type Scored = { id: string; score: number };

/** When an order counts as sold: the payment time, or its creation for orders paid before we kept it. */
const soldAt = sql`coalesce(${orders.paidAt}, ${orders.createdAt})`;

const soldSince = (since: Date) => sql`${soldAt} >= ${since.toISOString()}::timestamptz`;

export async function salesFromDb(since?: Date): Promise<Scored[]> {
  const db = await getDb();
  const units = sql<number>`sum(${orderItems.quantity})`.mapWith(Number);
  const rows = await db
    .select({ id: orderItems.productId, score: units })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(inArray(orders.status, [...SALE_STATUSES]), since ? soldSince(since) : undefined))
    .groupBy(orderItems.productId)
    .orderBy(desc(units));
  return rows;
}

/** Units sold per product per UTC day since `since`. */
export async function dailySalesFromDb(since: Date): Promise<Array<Scored & { day: string }>> {
  const db = await getDb();
  const day = sql<string>`to_char((${soldAt}) at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      id: orderItems.productId,
      day,
      score: sql<number>`sum(${orderItems.quantity})`.mapWith(Number),
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .where(and(inArray(orders.status, [...SALE_STATUSES]), soldSince(since)))
    .groupBy(orderItems.productId, day);
  return rows;
}

export async function viewsFromDb(): Promise<Scored[]> {
  const db = await getDb();
  const total = sql<number>`sum(${productViews.views})`.mapWith(Number);
  return db
    .select({ id: productViews.productId, score: total })
    .from(productViews)
    .groupBy(productViews.productId)
    .orderBy(desc(total));
}

/**
 * Rated games on sale by genre key, scored by weighted rating (lib/catalog/rating.ts), so a 4.8
 * from 23,000 shoppers beats a 5.0 from 7, and a 4.8 from 900 beats a 4.8 from 3.
 */
export async function ratingsByGenreFromDb(): Promise<Map<string, Scored[]>> {
  const db = await getDb();
  const rows = await db
    .select({
      id: products.id,
      genres: products.genres,
      rating: products.rating,
      ratingCount: products.ratingCount,
    })
    .from(products)
    .where(and(isNull(products.archivedAt), sql`${products.ratingCount} > 0`));
  const boards = new Map<string, Scored[]>();
  for (const row of rows) {
    const score = weightedRating(Number(row.rating), row.ratingCount);
    for (const genre of row.genres) {
      const key = genreKey(genre);
      const board = boards.get(key) ?? [];
      board.push({ id: row.id, score });
      boards.set(key, board);
    }
  }
  for (const board of boards.values()) board.sort((a, b) => b.score - a.score);
  return boards;
}

/** Adds views to the durable daily counts in one statement. */
export async function addViews(day: string, counts: Map<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const db = await getDb();
  await db
    .insert(productViews)
    .values([...counts].map(([productId, views]) => ({ productId, day, views })))
    .onConflictDoUpdate({
      target: [productViews.productId, productViews.day],
      set: { views: sql`${productViews.views} + excluded.views` },
    });
}
