import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { adminDb } from './db';
import { productImages } from '@/db/schema';
import { CATALOG_TAGS, invalidateCatalogTags } from '@/lib/cache';
import { DomainError, NotFoundError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { getStorage, mediaUrl, sniffImage } from '@/lib/storage';
import type { AdminActor } from './actor';
import { recordAudit } from './audit';
import { getAdminProduct, lockProduct, type AdminProduct } from './products';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const MEDIA_PREFIX = '/media/uploads/';

export const imageAltSchema = z
  .string()
  .trim()
  .max(200, 'Keep the description under 200 characters.')
  .default('');

export type ImageUpload = { bytes: Uint8Array; alt?: string };

/** Why an upload is refused, in the words an admin can act on. */
export function checkImage(bytes: Uint8Array) {
  if (bytes.byteLength === 0)
    throw new ValidationError('Choose an image to upload.', {
      image: ['Choose an image to upload.'],
    });
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new DomainError('validation', 413, 'The image is larger than 5 MB.', {
      image: ['The image is larger than 5 MB.'],
    });
  }
  const image = sniffImage(bytes);
  if (!image) {
    throw new DomainError('validation', 415, 'Upload a PNG, JPEG or WebP image.', {
      image: ['Upload a PNG, JPEG or WebP image.'],
    });
  }
  return image;
}

/**
 * Stores an image and adds it as the product's last picture. The file is written first under a
 * fresh random key; if the row cannot be written, the file is removed again.
 */
export async function uploadProductImage(
  actor: AdminActor,
  productId: string,
  upload: ImageUpload,
): Promise<AdminProduct> {
  const alt = imageAltSchema.safeParse(upload.alt ?? '');
  if (!alt.success)
    throw new ValidationError('Some fields are invalid.', {
      alt: alt.error.issues.map((i) => i.message),
    });
  const image = checkImage(upload.bytes);
  // The product must exist before anything is stored.
  await getAdminProduct(productId);
  const key = `products/${productId}/${randomBytes(12).toString('hex')}.${image.ext}`;
  const storage = getStorage();
  await storage.put(key, upload.bytes, image.type);
  const db = await adminDb();
  try {
    await db.transaction(async (tx) => {
      await lockProduct(tx, productId);
      const [next] = await tx
        .select({ position: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int` })
        .from(productImages)
        .where(eq(productImages.productId, productId));
      const [row] = await tx
        .insert(productImages)
        .values({
          productId,
          url: mediaUrl(key),
          alt: alt.data,
          position: next?.position ?? 0,
          width: image.width ?? 600,
          height: image.height ?? 800,
        })
        .returning();
      await recordAudit(tx, actor, {
        action: 'product.image_add',
        entity: 'product',
        entityId: productId,
        after: {
          imageId: row!.id,
          url: row!.url,
          alt: row!.alt,
          type: image.type,
          bytes: upload.bytes.byteLength,
        },
      });
    });
  } catch (err) {
    await storage
      .delete(key)
      .catch((cleanupErr: unknown) =>
        log.warn({ err: cleanupErr, key }, 'could not remove an orphaned upload'),
      );
    throw err;
  }
  await retireImagesOf(productId);
  return getAdminProduct(productId);
}

export async function deleteProductImage(
  actor: AdminActor,
  productId: string,
  imageId: string,
): Promise<AdminProduct> {
  if (!z.uuid().safeParse(imageId).success)
    throw new NotFoundError('We could not find that image.');
  const db = await adminDb();
  const removed = await db.transaction(async (tx) => {
    await lockProduct(tx, productId);
    const [row] = await tx
      .delete(productImages)
      .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
      .returning();
    if (!row) throw new NotFoundError('We could not find that image.');
    await recordAudit(tx, actor, {
      action: 'product.image_remove',
      entity: 'product',
      entityId: productId,
      before: { imageId: row.id, url: row.url, alt: row.alt },
    });
    return row;
  });
  await retireImagesOf(productId);
  // The file goes only after the row: a failed delete leaves an unused file, never a broken image.
  if (removed.url.startsWith(MEDIA_PREFIX)) {
    await getStorage()
      .delete(removed.url.slice(MEDIA_PREFIX.length))
      .catch((err: unknown) =>
        log.warn({ err, url: removed.url }, 'could not remove an image file'),
      );
  }
  return getAdminProduct(productId);
}

/** Images show on the game's page and, as its cover, in every listing. */
async function retireImagesOf(productId: string): Promise<void> {
  const product = await getAdminProduct(productId);
  await invalidateCatalogTags([CATALOG_TAGS.product(product.slug), CATALOG_TAGS.listings]);
}
