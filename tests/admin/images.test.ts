import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, productImages } from '@/db/schema';
import { POST as uploadRoute } from '@/app/api/v1/admin/products/[id]/images/route';
import { DELETE as removeRoute } from '@/app/api/v1/admin/products/[id]/images/[imageId]/route';
import { GET as mediaRoute } from '@/app/media/uploads/[...path]/route';
import { getProduct } from '@/lib/catalog';
import { LocalDiskStorage, setStorage } from '@/lib/storage';
import {
  account,
  bodyOf,
  ctx,
  makeCategory,
  makeProduct,
  multipart,
  pngBytes,
  request,
  type Account,
} from './support';

let admin: Account;
let root: string;
let product: { id: string; slug: string };

beforeAll(async () => {
  admin = await account('admin');
  root = await mkdtemp(path.join(tmpdir(), 'arcade-uploads-'));
  setStorage(new LocalDiskStorage(root));
  product = await makeProduct((await makeCategory()).id);
});

afterAll(async () => {
  setStorage(undefined);
  await rm(root, { recursive: true, force: true });
});

function upload(file: Blob, alt = 'Box art', id = product.id) {
  const form = multipart({ image: file, alt });
  return uploadRoute(
    request(`/api/v1/admin/products/${id}/images`, {
      method: 'POST',
      raw: form,
      cookie: admin.cookie,
    }),
    ctx({ id }),
  );
}

async function storedFiles(): Promise<string[]> {
  return (await readdir(root, { recursive: true })).filter(
    (f) => !f.endsWith('.type') && /\.\w+$/.test(f),
  );
}

async function imagesOf(id: string) {
  const db = await getDb();
  return db.select().from(productImages).where(eq(productImages.productId, id));
}

describe('uploading a product image', () => {
  it('stores a PNG, serves it from /media/uploads with long caching, and the storefront shows it at once', async () => {
    await getProduct(product.slug);
    const res = await upload(new Blob([pngBytes()], { type: 'image/png' }));
    expect(res.status).toBe(201);
    const { product: updated } = await bodyOf(res);
    expect(updated.images).toEqual([
      expect.objectContaining({
        alt: 'Box art',
        width: 1,
        height: 1,
        url: expect.stringMatching(/^\/media\/uploads\/products\/.+\.png$/),
      }),
    ]);
    const url: string = updated.images[0].url;

    const segments = url.replace('/media/uploads/', '').split('/');
    const served = await mediaRoute(new Request(`http://localhost${url}`), {
      params: Promise.resolve({ path: segments }),
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(pngBytes());

    expect((await getProduct(product.slug)).images.map((i) => i.url)).toContain(url);

    const db = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, product.id))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry).toMatchObject({
      action: 'product.image_add',
      actorId: admin.id,
      after: { url, type: 'image/png' },
    });
  });

  it('refuses an SVG with 415 even when it claims to be a PNG, and stores nothing', async () => {
    const before = await storedFiles();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const file of [
      new Blob([svg], { type: 'image/svg+xml' }),
      new File([svg], 'cover.png', { type: 'image/png' }),
    ]) {
      const res = await upload(file);
      expect(res.status).toBe(415);
      expect((await bodyOf(res)).error.fields.image).toEqual(['Upload a PNG, JPEG or WebP image.']);
    }
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses an image over 5 MB with 413 and stores nothing', async () => {
    const count = (await imagesOf(product.id)).length;
    const res = await upload(new Blob([pngBytes(5 * 1024 * 1024)], { type: 'image/png' }));
    expect(res.status).toBe(413);
    expect((await imagesOf(product.id)).length).toBe(count);
  });

  it('asks for a file when the form has none, and for multipart when the body is JSON', async () => {
    const id = product.id;
    const none = await uploadRoute(
      request(`/api/v1/admin/products/${id}/images`, {
        method: 'POST',
        raw: multipart({ alt: 'x' }),
        cookie: admin.cookie,
      }),
      ctx({ id }),
    );
    expect(none.status).toBe(400);
    expect((await bodyOf(none)).error.fields.image).toHaveLength(1);
    const jsonBody = await uploadRoute(
      request(`/api/v1/admin/products/${id}/images`, {
        body: { image: 'x' },
        cookie: admin.cookie,
      }),
      ctx({ id }),
    );
    expect(jsonBody.status).toBe(415);
  });

  it('answers 404 for a product that does not exist, before storing anything', async () => {
    const before = await storedFiles();
    const res = await upload(new Blob([pngBytes()]), 'x', '00000000-0000-4000-8000-000000000002');
    expect(res.status).toBe(404);
    expect(await storedFiles()).toEqual(before);
  });

  it('removes an image: the row, then the file', async () => {
    const { product: withImage } = await bodyOf(await upload(new Blob([pngBytes()])));
    const image = withImage.images.at(-1);
    const filesBefore = await storedFiles();
    const res = await removeRoute(
      request(`/api/v1/admin/products/${product.id}/images/${image.id}`, {
        method: 'DELETE',
        cookie: admin.cookie,
      }),
      ctx({ id: product.id, imageId: image.id }),
    );
    expect(res.status).toBe(200);
    expect((await imagesOf(product.id)).map((i) => i.id)).not.toContain(image.id);
    expect((await storedFiles()).length).toBe(filesBefore.length - 1);
    const db = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, product.id))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry).toMatchObject({
      action: 'product.image_remove',
      actorId: admin.id,
      before: { imageId: image.id, url: image.url },
    });
    const again = await removeRoute(
      request(`/api/v1/admin/products/${product.id}/images/${image.id}`, {
        method: 'DELETE',
        cookie: admin.cookie,
      }),
      ctx({ id: product.id, imageId: image.id }),
    );
    expect(again.status).toBe(404);
  });
});

describe('the media route', () => {
  it('answers 404 to path traversal, hidden files and missing keys, never reading outside the store', async () => {
    for (const segments of [
      ['..', '..', 'package.json'],
      ['products', '..', '..', '.env'],
      ['.type'],
      ['products', 'nope.png'],
      ['%2e%2e', 'package.json'],
    ]) {
      const res = await mediaRoute(new Request('http://localhost/media/uploads/x'), {
        params: Promise.resolve({ path: segments }),
      });
      expect(res.status, segments.join('/')).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });
});
