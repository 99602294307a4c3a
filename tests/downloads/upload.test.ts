import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUT as uploadRoute } from '@/app/api/v1/admin/editions/[id]/file/route';
import { GET as fileRoute } from '@/app/api/v1/downloads/[itemId]/route';
import { getDb } from '@/db/client';
import { auditLog, editionFiles } from '@/db/schema';
import { newDownloadLink } from '@/lib/downloads';
import {
  account,
  bytesOf,
  ctx,
  makeGame,
  ownedItem,
  request,
  setEnv,
  useTemporaryUploads,
  type Account,
  type Game,
} from './fixtures';

let cleanup: () => Promise<void>;
let admin: Account;
let customer: Account;
let game: Game;

beforeAll(async () => {
  cleanup = await useTemporaryUploads();
  admin = await account('admin');
  customer = await account('customer');
  game = await makeGame({ withBuild: false });
});

afterAll(async () => {
  setEnv({ MAX_BUILD_BYTES: undefined });
  await cleanup();
});

function put(
  editionId: string,
  body: BodyInit,
  options: { type: string; query?: string; cookie?: string; headers?: Record<string, string> },
) {
  return uploadRoute(
    request(`/api/v1/admin/editions/${editionId}/file${options.query ?? ''}`, {
      method: 'PUT',
      body,
      cookie: options.cookie ?? admin.cookie,
      // No type: let the body (a FormData) set its own multipart boundary.
      headers: { ...(options.type ? { 'content-type': options.type } : {}), ...options.headers },
    }),
    ctx({ id: editionId }),
  );
}

function bytes(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function storedObjects(): Promise<string[]> {
  const root = process.env.UPLOAD_DIR!;
  return (await readdir(root, { recursive: true })).filter((f) => /\.(zip|bin|txt)$/.test(f));
}

describe('PUT /api/v1/admin/editions/{id}/file', () => {
  it('stores raw bytes under a safe name, records size and sha256, and audits the upload', async () => {
    const build = bytes(70_000);
    const res = await put(game.downloadEditionId, build, {
      type: 'application/octet-stream',
      query: `?name=${encodeURIComponent('../My Game (v1).zip')}`,
      headers: { origin: 'http://localhost:3000' },
    });
    expect(res.status).toBe(200);
    const { file } = (await res.json()) as { file: Record<string, unknown> };
    expect(file).toMatchObject({
      editionId: game.downloadEditionId,
      fileName: 'My-Game-v1.zip',
      contentType: 'application/zip',
      sizeBytes: 70_000,
      sha256: sha(build),
    });
    const db = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, admin.id), eq(auditLog.action, 'edition.file_upload')))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ entity: 'product', entityId: game.productId });
    expect(entry!.after).toMatchObject({ editionId: game.downloadEditionId, sha256: sha(build) });

    const item = await ownedItem(customer.id, game.downloadEditionId);
    const link = newDownloadLink(item, customer.id).path;
    const served = await fileRoute(request(link), ctx({ itemId: item }));
    expect(served.status).toBe(200);
    expect(await bytesOf(served)).toEqual(build);
  });

  it('accepts a multipart form with a `file` field and replaces the earlier build, removing its file', async () => {
    const build = bytes(5_000, 7);
    const form = new FormData();
    form.append('file', new File([build], 'Patch 2.bin', { type: 'application/octet-stream' }));
    const res = await put(game.downloadEditionId, form, { type: '' });
    expect(res.status).toBe(200);
    const { file } = (await res.json()) as { file: { fileName: string; sha256: string } };
    expect(file.fileName).toBe('Patch-2.bin');
    const db = await getDb();
    const rows = await db
      .select()
      .from(editionFiles)
      .where(eq(editionFiles.editionId, game.downloadEditionId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(sha(build));
    const objects = await storedObjects();
    expect(objects.filter((f) => f.includes(game.downloadEditionId))).toEqual([
      expect.stringMatching(/Patch-2\.bin$/),
    ]);
  });

  it('refuses customers (403) and anonymous callers (401)', async () => {
    const build = bytes(10);
    expect(
      (
        await put(game.downloadEditionId, build, {
          type: 'application/octet-stream',
          query: '?name=a.bin',
          cookie: customer.cookie,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await put(game.downloadEditionId, build, {
          type: 'application/octet-stream',
          query: '?name=a.bin',
          cookie: '',
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a cross-origin upload', async () => {
    const res = await put(game.downloadEditionId, bytes(10), {
      type: 'application/octet-stream',
      query: '?name=a.bin',
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
  });

  it('refuses an edition delivered as a key (409) and an unknown edition (404)', async () => {
    const key = await put(game.keyEditionId, bytes(10), {
      type: 'application/octet-stream',
      query: '?name=a.bin',
    });
    expect(key.status).toBe(409);
    expect(((await key.json()) as { error: { message: string } }).error.message).toMatch(
      /delivered as a key/,
    );
    expect(
      (
        await put(randomUUID(), bytes(10), {
          type: 'application/octet-stream',
          query: '?name=a.bin',
        })
      ).status,
    ).toBe(404);
  });

  it('asks for a name, a body and a supported content type', async () => {
    expect(
      (await put(game.downloadEditionId, bytes(10), { type: 'application/octet-stream' })).status,
    ).toBe(400);
    expect(
      (
        await put(game.downloadEditionId, new Uint8Array(), {
          type: 'application/octet-stream',
          query: '?name=a.bin',
        })
      ).status,
    ).toBe(400);
    expect(
      (await put(game.downloadEditionId, '{}', { type: 'application/json', query: '?name=a.bin' }))
        .status,
    ).toBe(415);
  });

  it('refuses a build over MAX_BUILD_BYTES with 413 and a clear message, and keeps the earlier one', async () => {
    setEnv({ MAX_BUILD_BYTES: '2048' });
    const db = await getDb();
    const [before] = await db
      .select()
      .from(editionFiles)
      .where(eq(editionFiles.editionId, game.downloadEditionId));
    const res = await put(game.downloadEditionId, bytes(4096), {
      type: 'application/octet-stream',
      query: '?name=big.bin',
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /larger than 2 KB.*MAX_BUILD_BYTES/,
    );
    // A chunked body with no Content-Length is cut off just the same.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(bytes(1024));
        controller.close();
      },
    });
    expect(
      (
        await put(game.downloadEditionId, stream, {
          type: 'application/octet-stream',
          query: '?name=big.bin',
        })
      ).status,
    ).toBe(413);
    const [after] = await db
      .select()
      .from(editionFiles)
      .where(eq(editionFiles.editionId, game.downloadEditionId));
    expect(after!.sha256).toBe(before!.sha256);
    setEnv({ MAX_BUILD_BYTES: undefined });
  });
});
