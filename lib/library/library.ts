import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import {
  editionFiles,
  editions,
  libraryItems,
  licenseKeys,
  productImages,
  products,
} from '@/db/schema';
import { readerFor } from '@/lib/db/read-your-writes';
import { coverColumn } from '@/lib/catalog/featured';

/** One owned copy of a game, as the library page and `GET /api/v1/library` show it. */
export type LibraryItem = {
  id: string;
  productId: string;
  slug: string;
  title: string;
  coverUrl: string | null;
  editionId: string;
  editionName: string;
  platform: string;
  delivery: 'key' | 'download';
  orderId: string;
  acquiredAt: string;
  /** Key editions: `pending` until the vault has a key for it, then hidden until revealed. */
  key: { state: 'pending' | 'hidden' | 'revealed'; revealedAt: string | null } | null;
  /** Download editions: whether a build can be downloaded now, its file name and size. */
  download: { ready: boolean; fileName: string | null; sizeBytes: number | null } | null;
  /** Received as a gift. */
  gift: boolean;
};

/**
 * Everything the user owns and still may use (refunded copies are gone), newest first; as of the
 * user's own last write (a payment, a claimed gift, a revealed key: lib/db/read-your-writes).
 */
export async function listLibrary(userId: string): Promise<LibraryItem[]> {
  const db = await readerFor({ userId });
  const rows = await db
    .select({
      id: libraryItems.id,
      productId: products.id,
      slug: products.slug,
      title: products.title,
      coverUrl: coverColumn(productImages.url),
      editionId: editions.id,
      editionName: editions.name,
      platform: editions.platform,
      delivery: editions.delivery,
      orderId: libraryItems.orderId,
      acquiredAt: libraryItems.createdAt,
      giftId: libraryItems.giftId,
      keyId: libraryItems.licenseKeyId,
      keyRevealedAt: licenseKeys.revealedAt,
      fileName: editionFiles.fileName,
      sizeBytes: editionFiles.sizeBytes,
    })
    .from(libraryItems)
    .innerJoin(editions, eq(editions.id, libraryItems.editionId))
    .innerJoin(products, eq(products.id, editions.productId))
    .leftJoin(licenseKeys, eq(licenseKeys.id, libraryItems.licenseKeyId))
    .leftJoin(editionFiles, eq(editionFiles.editionId, editions.id))
    .where(and(eq(libraryItems.userId, userId), isNull(libraryItems.revokedAt)))
    .orderBy(desc(libraryItems.createdAt), products.title, libraryItems.id)
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    productId: r.productId,
    slug: r.slug,
    title: r.title,
    coverUrl: r.coverUrl,
    editionId: r.editionId,
    editionName: r.editionName,
    platform: r.platform,
    delivery: r.delivery === 'key' ? 'key' : 'download',
    orderId: r.orderId,
    acquiredAt: r.acquiredAt.toISOString(),
    key:
      r.delivery === 'key'
        ? {
            state: !r.keyId ? 'pending' : r.keyRevealedAt ? 'revealed' : 'hidden',
            revealedAt: r.keyRevealedAt ? r.keyRevealedAt.toISOString() : null,
          }
        : null,
    download:
      r.delivery === 'download'
        ? { ready: r.fileName !== null, fileName: r.fileName, sizeBytes: r.sizeBytes }
        : null,
    gift: r.giftId !== null,
  }));
}
