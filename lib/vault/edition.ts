import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { editions, products } from '@/db/schema';
import { ConflictError, NotFoundError } from '@/lib/errors';

/** An edition sold by licence key, with what an admin needs to recognise it. */
export type KeyEdition = {
  id: string;
  productId: string;
  productTitle: string;
  sku: string;
  name: string;
  platform: string;
  stock: number;
  archived: boolean;
};

/** 404 for an unknown edition, 409 for one delivered another way: only key editions hold keys. */
export async function keyEdition(db: DbOrTx, editionId: string): Promise<KeyEdition> {
  if (!z.uuid().safeParse(editionId).success) throw new NotFoundError('Edition not found.');
  const [row] = await db
    .select({
      id: editions.id,
      productId: editions.productId,
      productTitle: products.title,
      sku: editions.sku,
      name: editions.name,
      platform: editions.platform,
      delivery: editions.delivery,
      stock: editions.stock,
      archivedAt: editions.archivedAt,
    })
    .from(editions)
    .innerJoin(products, eq(products.id, editions.productId))
    .where(eq(editions.id, editionId));
  if (!row) throw new NotFoundError('Edition not found.');
  if (row.delivery !== 'key') {
    throw new ConflictError(
      `“${row.name}” is delivered as a ${row.delivery === 'download' ? 'download' : 'boxed copy'}, not by licence key: it holds no keys.`,
    );
  }
  const { delivery: _delivery, archivedAt, stock, ...edition } = row;
  return { ...edition, stock: stock ?? 0, archived: archivedAt !== null };
}
