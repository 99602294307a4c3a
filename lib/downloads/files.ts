import 'server-only';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { editionFiles, editions } from '@/db/schema';
import type { AdminActor } from '@/lib/admin/actor';
import { recordAudit } from '@/lib/admin/audit';
import { env } from '@/lib/config/env';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '@/lib/errors';
import { log } from '@/lib/log';
import { getStorage } from '@/lib/storage';
import { demoBuildFor } from './demo-build';
import { buildContentType, safeFileName } from './names';
import { isUuid } from '@/db/ids';

export type EditionFile = {
  editionId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
};

export type BuildUpload = {
  editionId: string;
  fileName: string;
  body: Uint8Array;
  contentType?: string | null;
};

type FileRow = typeof editionFiles.$inferSelect;

/** "50 MB", for messages an admin reads. */
export function describeBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1
    ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}

export function buildTooLarge(): DomainError {
  const limit = describeBytes(env().MAX_BUILD_BYTES);
  const message = `The build is larger than ${limit}, the most this shop accepts (MAX_BUILD_BYTES).`;
  return new DomainError('validation', 413, message, { file: [message] });
}

function checkBuild(body: Uint8Array): void {
  if (body.byteLength === 0) {
    throw new ValidationError('The build is empty.', { file: ['Choose a non-empty file.'] });
  }
  if (body.byteLength > env().MAX_BUILD_BYTES) throw buildTooLarge();
}

async function downloadEdition(db: DbOrTx, editionId: string) {
  const [edition] = isUuid(editionId)
    ? await db
        .select({ id: editions.id, productId: editions.productId, delivery: editions.delivery })
        .from(editions)
        .where(eq(editions.id, editionId))
    : [];
  if (!edition) throw new NotFoundError('We could not find that edition.');
  if (edition.delivery !== 'download') {
    throw new ConflictError(
      `Only download editions take a build; this one is delivered as ${edition.delivery === 'key' ? 'a key' : 'a box'}.`,
    );
  }
  return edition;
}

function toEditionFile(row: FileRow): EditionFile {
  return {
    editionId: row.editionId,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

type Replaced = { row: FileRow; previous: FileRow | undefined };

/**
 * Stores the bytes and points the edition at them; `write` runs the row change, in a transaction
 * of the caller's that may add an audit entry. The key carries the content hash, so a new build
 * never overwrites the object a download in progress is reading, and re-uploading the same build
 * rewrites the same object.
 */
async function replaceBuild(
  upload: BuildUpload,
  write: (apply: (tx: DbOrTx) => Promise<Replaced>) => Promise<Replaced>,
): Promise<EditionFile> {
  checkBuild(upload.body);
  const fileName = safeFileName(upload.fileName);
  const contentType = buildContentType(fileName, upload.contentType);
  const sha256 = createHash('sha256').update(upload.body).digest('hex');
  const key = `builds/${upload.editionId}/${sha256.slice(0, 16)}/${fileName}`;
  const storage = getStorage();
  await storage.put(key, upload.body, contentType);

  let result: Replaced;
  try {
    result = await write(async (tx) => {
      // The row lock serialises two uploads to one edition, so each removes the build it replaced.
      const [previous] = await tx
        .select()
        .from(editionFiles)
        .where(eq(editionFiles.editionId, upload.editionId))
        .for('update');
      const values = {
        storageKey: key,
        fileName,
        contentType,
        sizeBytes: upload.body.byteLength,
        sha256,
        uploadedAt: new Date(),
      };
      const [row] = await tx
        .insert(editionFiles)
        .values({ editionId: upload.editionId, ...values })
        .onConflictDoUpdate({ target: editionFiles.editionId, set: values })
        .returning();
      return { row: row!, previous };
    });
  } catch (err) {
    await removeObject(key, 'could not remove an orphaned build');
    throw err;
  }
  // Only after the commit: a failed delete leaves an unused object, never a broken download.
  if (
    result.previous &&
    result.previous.storageKey !== key &&
    !(await stillUsed(result.previous.storageKey))
  ) {
    await removeObject(result.previous.storageKey, 'could not remove a replaced build');
  }
  return toEditionFile(result.row);
}

/** Several editions may share one stored build (the seed's demo build): keep it while one does. */
async function stillUsed(storageKey: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: editionFiles.editionId })
    .from(editionFiles)
    .where(eq(editionFiles.storageKey, storageKey))
    .limit(1);
  return Boolean(row);
}

async function removeObject(key: string, message: string): Promise<void> {
  await getStorage()
    .delete(key)
    .catch((err: unknown) => log.warn({ err, key }, message));
}

/**
 * An admin uploads the build of a download edition (replacing any earlier one): at most
 * MAX_BUILD_BYTES (413 beyond), only for editions delivered as downloads (409 otherwise), and
 * recorded in the audit log under the edition's product.
 */
export async function storeEditionFile(
  actor: AdminActor,
  upload: BuildUpload,
): Promise<EditionFile> {
  const db = await getDb();
  const edition = await downloadEdition(db, upload.editionId);
  return replaceBuild(upload, (apply) =>
    db.transaction(async (tx) => {
      const result = await apply(tx);
      await recordAudit(tx, actor, {
        action: 'edition.file_upload',
        // The audit log knows no editions yet; the product's history is where an admin looks.
        entity: 'product',
        entityId: edition.productId,
        before: result.previous ? toEditionFile(result.previous) : undefined,
        after: toEditionFile(result.row),
      });
      return result;
    }),
  );
}

/**
 * For the seed: gives a download edition its deterministic demo build (see `demoBuildFor`),
 * with no actor and no audit entry. Idempotent: the same title stores the same bytes at the
 * same key.
 */
export async function seedEditionBuild(
  db: DbOrTx,
  editionId: string,
  title: string,
): Promise<EditionFile> {
  await downloadEdition(db, editionId);
  return replaceBuild({ editionId, ...demoBuildFor(title) }, (apply) => apply(db));
}

/** The build of an edition, if it has one. */
export async function editionFileOf(editionId: string): Promise<EditionFile | null> {
  if (!isUuid(editionId)) return null;
  const db = await getDb();
  const [row] = await db.select().from(editionFiles).where(eq(editionFiles.editionId, editionId));
  return row ? toEditionFile(row) : null;
}
