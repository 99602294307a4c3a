import 'server-only';
import { eq } from 'drizzle-orm';
import { editionFiles, libraryItems, users } from '@/db/schema';
import { env } from '@/lib/config/env';
import { readerFor } from '@/lib/db/read-your-writes';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { ipBucket } from '@/lib/http/client-ip';
import { requestMeta } from '@/lib/http/request-meta';
import { log } from '@/lib/log';
import { enforceRateLimits } from '@/lib/ratelimit';
import { getStorage } from '@/lib/storage';
import { contentDisposition } from './names';
import { verifyDownloadLink } from './links';
import { ifRangeHolds, rangeOf } from './range';

export type DownloadRequest = {
  itemId: string;
  searchParams: URLSearchParams;
  headers: Headers;
  method: 'GET' | 'HEAD';
};

const REFUSALS = {
  malformed: 'This download link is not valid.',
  bad_signature: 'This download link is not valid.',
  expired: 'This download link has expired. Ask for a new one from your library.',
} as const;

// A build is an opaque attachment: never sniffed into something a browser would run, and the
// signed URL is not handed on to anyone in a Referer.
const FILE_HEADERS = {
  'accept-ranges': 'bytes',
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Answers a signed download link: the signature and expiry are checked before anything else (a
 * forged or stale link costs one HMAC, no Redis, no database), then the per-address and per-item
 * limits (a leaked link hammered from one place or many), then ownership, which a refund or a
 * disabled account withdraws even from links handed out minutes ago.
 */
export async function serveDownload(req: DownloadRequest): Promise<Response> {
  const check = verifyDownloadLink({
    itemId: req.itemId,
    u: req.searchParams.get('u'),
    e: req.searchParams.get('e'),
    s: req.searchParams.get('s'),
  });
  if (!check.ok) throw new ForbiddenError(REFUSALS[check.reason]);
  const { itemId, userId } = check.claims;

  const e = env();
  await enforceRateLimits([
    {
      rule: { name: 'download:ip', ...e.RATE_LIMIT_DOWNLOAD_IP },
      subject: ipBucket(requestMeta(req.headers).ip),
    },
    { rule: { name: 'download:item', ...e.RATE_LIMIT_DOWNLOAD_ITEM }, subject: itemId },
  ]);

  // As of the owner's own last write: a game bought a moment ago downloads at once.
  const db = await readerFor({ userId });
  const [row] = await db
    .select({
      ownerId: libraryItems.userId,
      revokedAt: libraryItems.revokedAt,
      ownerStatus: users.status,
      file: editionFiles,
    })
    .from(libraryItems)
    .innerJoin(users, eq(users.id, libraryItems.userId))
    .leftJoin(editionFiles, eq(editionFiles.editionId, libraryItems.editionId))
    .where(eq(libraryItems.id, itemId));
  if (!row || row.ownerId !== userId || row.revokedAt || row.ownerStatus !== 'active') {
    throw new ForbiddenError('This download is no longer available to you.');
  }
  if (!row.file) throw new NotFoundError('The download is not available.');

  // Storage hands out whole objects; MAX_BUILD_BYTES keeps that bounded. A store with ranged
  // reads (S3 GetObject with Range) would slot in here without changing the answers below.
  const object = await getStorage().get(row.file.storageKey);
  if (!object) {
    log.warn(
      { itemId, key: row.file.storageKey },
      'a build named in edition_files is missing from storage',
    );
    throw new NotFoundError('The download is not available.');
  }
  return fileResponse(req, row.file, object.body);
}

type FileMeta = typeof editionFiles.$inferSelect;

function fileResponse(req: DownloadRequest, file: FileMeta, body: Uint8Array): Response {
  const size = body.byteLength;
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    ...FILE_HEADERS,
    'content-type': file.contentType,
    'content-disposition': contentDisposition(file.fileName),
    etag,
    'last-modified': file.uploadedAt.toUTCString(),
  };
  const range = ifRangeHolds(req.headers.get('if-range'), { etag, lastModified: file.uploadedAt })
    ? rangeOf(req.headers.get('range'), size)
    : ({ kind: 'whole' } as const);

  if (range.kind === 'unsatisfiable') {
    return Response.json(
      {
        error: {
          code: 'validation',
          message: `The file is ${size} bytes long; that range is outside it.`,
        },
      },
      { status: 416, headers: { ...FILE_HEADERS, 'content-range': `bytes */${size}` } },
    );
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  headers['content-length'] = String(end - start + 1);
  if (range.kind === 'partial') headers['content-range'] = `bytes ${start}-${end}/${size}`;
  const status = range.kind === 'partial' ? 206 : 200;
  const payload =
    req.method === 'HEAD' ? null : (body.subarray(start, end + 1) as Uint8Array<ArrayBuffer>);
  return new Response(payload, { status, headers });
}
