import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactElement } from 'react';
import { getDb } from '@/db/client';
import type { ActionState } from '@/lib/actions/validated';
import { openApiDocument } from '@/lib/api/openapi';
import { assignKeys, type ImportReport } from '@/lib/vault';
import { jar, renderToHtml } from '../admin/next-request';
import {
  account,
  bodyOf,
  ctx,
  keysOf,
  licenceKeys,
  makeEdition,
  makeOrder,
  request,
  stockKeys,
  type Account,
} from './fixtures';

// Pages and server actions read cookies through next/headers; here they come from `jar`.
vi.mock('next/headers', () => import('../admin/next-request'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const keysRoute = await import('@/app/api/v1/admin/editions/[id]/keys/route');
const summaryRoute = await import('@/app/api/v1/admin/editions/[id]/keys/summary/route');
const revealRoute = await import('@/app/api/v1/library/[itemId]/reveal/route');

let admin: Account;
let customer: Account;

beforeAll(async () => {
  admin = await account('admin');
  customer = await account('customer');
});

beforeEach(() => {
  jar.cookie = '';
});

function postKeys(
  editionId: string,
  body: string,
  type: string,
  cookie?: string,
  headers: Record<string, string> = {},
) {
  return keysRoute.POST(
    request(`/api/v1/admin/editions/${editionId}/keys`, {
      method: 'POST',
      cookie,
      body,
      headers: { 'content-type': type, origin: 'http://localhost:3000', ...headers },
    }),
    ctx({ id: editionId }),
  );
}

describe('POST /api/v1/admin/editions/{id}/keys', () => {
  it('imports a text/plain list for an admin: 201 with the report, then 200 when nothing is new', async () => {
    const edition = await makeEdition();
    const keys = licenceKeys(3);
    const res = await postKeys(
      edition.id,
      `${keys.join('\n')}\nbad\n`,
      'text/plain; charset=utf-8',
      admin.cookie,
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await bodyOf(res)).toEqual({
      imported: 3,
      servedOwed: 0,
      duplicates: [],
      malformed: [{ line: 4, reason: expect.any(String) }],
      available: 3,
    });
    const again = await postKeys(edition.id, keys.join('\n'), 'text/plain', admin.cookie);
    expect(again.status).toBe(200);
    expect(await bodyOf(again)).toMatchObject({
      imported: 0,
      duplicates: [{ line: 1 }, { line: 2 }, { line: 3 }],
    });
  });

  it('imports the key column of a text/csv file', async () => {
    const edition = await makeEdition();
    const [a, b] = licenceKeys(2);
    const csv = `supplier,key\r\n"Acme, Inc.",${a}\r\nAcme,"${b}"\r\n`;
    const res = await postKeys(edition.id, csv, 'text/csv', admin.cookie);
    expect(res.status).toBe(201);
    expect(await bodyOf(res)).toMatchObject({
      imported: 2,
      duplicates: [],
      malformed: [],
      available: 2,
    });
  });

  it('refuses customers, anonymous callers and other origins, and writes nothing', async () => {
    const edition = await makeEdition();
    const body = licenceKeys(2).join('\n');
    expect((await postKeys(edition.id, body, 'text/plain', customer.cookie)).status).toBe(403);
    expect((await postKeys(edition.id, body, 'text/plain')).status).toBe(401);
    const foreign = await postKeys(edition.id, body, 'text/plain', admin.cookie, {
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await keysOf(edition.id)).toHaveLength(0);
  });

  it('answers 415 for JSON, 413 past 1 MB, 404 and 409 for editions without keys', async () => {
    const edition = await makeEdition();
    const json = await postKeys(edition.id, '{"keys":[]}', 'application/json', admin.cookie);
    expect(json.status).toBe(415);
    expect((await bodyOf(json)).error.message).toMatch(/text\/plain/);
    const big = await postKeys(
      edition.id,
      'A'.repeat(1024 * 1024 + 10),
      'text/plain',
      admin.cookie,
    );
    expect(big.status).toBe(413);
    expect((await bodyOf(big)).error.message).toMatch(/10,000 lines and 1 MB/);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await postKeys(missing, 'AAAAA-11111', 'text/plain', admin.cookie)).status).toBe(404);
    const boxed = await makeEdition({ delivery: 'physical', stock: 5 });
    expect((await postKeys(boxed.id, 'AAAAA-11111', 'text/plain', admin.cookie)).status).toBe(409);
  });
});

describe('GET /api/v1/admin/editions/{id}/keys/summary', () => {
  it('gives admins the edition and its keys by status', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(4));
    const get = (cookie?: string, id = edition.id) =>
      summaryRoute.GET(
        request(`/api/v1/admin/editions/${id}/keys/summary`, { cookie }),
        ctx({ id }),
      );
    const res = await get(admin.cookie);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({
      edition: expect.objectContaining({
        id: edition.id,
        sku: edition.sku,
        stock: 4,
        archived: false,
      }),
      inventory: { available: 4, assigned: 0, revealed: 0, revoked: 0, owed: 0, lowKeys: true },
    });
    expect((await get(customer.cookie)).status).toBe(403);
    expect((await get()).status).toBe(401);
    const download = await makeEdition({ delivery: 'download' });
    expect((await get(admin.cookie, download.id)).status).toBe(409);
  });
});

describe('POST /api/v1/library/{itemId}/reveal', () => {
  it('reveals the key to its owner only, never cached', async () => {
    const edition = await makeEdition();
    const [key] = licenceKeys(1);
    await stockKeys(edition, [key!]);
    const order = await makeOrder(customer.id, edition, 1);
    const itemId = order.itemIds[0]!;
    const db = await getDb();
    await db.transaction((tx) =>
      assignKeys(tx, [{ libraryItemId: itemId, editionId: edition.id }], order.orderId),
    );
    const reveal = (cookie?: string) =>
      revealRoute.POST(
        request(`/api/v1/library/${itemId}/reveal`, {
          method: 'POST',
          cookie,
          headers: { origin: 'http://localhost:3000' },
        }),
        ctx({ itemId }),
      );
    const res = await reveal(customer.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await bodyOf(res)).toEqual({
      key,
      revealedAt: expect.any(String),
      platform: 'PC',
      editionName: edition.name,
    });
    const other = await account('customer');
    const theirs = await reveal(other.cookie);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(await bodyOf(theirs))).not.toContain(key!);
    expect((await reveal()).status).toBe(401);
  });
});

describe('the vault in the OpenAPI document', () => {
  it('documents the import, the summary and the reveal', () => {
    const doc = openApiDocument('http://127.0.0.1:3000');
    expect(doc.paths).toHaveProperty(['/api/v1/admin/editions/{id}/keys']);
    expect(doc.paths).toHaveProperty(['/api/v1/admin/editions/{id}/keys/summary']);
    expect(doc.paths).toHaveProperty(['/api/v1/library/{itemId}/reveal']);
    expect(doc.components.schemas).toHaveProperty('KeyImportReport');
  });
});

describe('the admin keys page', () => {
  // Each page declares its own params; the test hands it the loose shape Next would.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Page = (props: any) => Promise<ReactElement>;
  const page = async (id: string) => {
    const Page = (await import('@/app/admin/editions/[id]/keys/page')).default as Page;
    return renderToHtml(await Page({ params: Promise.resolve({ id }) }));
  };

  it('shows the inventory, the low-keys warning and a labelled import form', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(2));
    jar.cookie = admin.cookie;
    const html = await page(edition.id);
    for (const text of [
      'Low on keys',
      'Only 2 left',
      'Available',
      'Owed',
      'Paste keys',
      'Or upload a file',
      'Import keys',
      edition.sku,
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/<label[^>]*for="[^"]+"[^>]*>Paste keys/);
  });

  it('imports pasted keys and an uploaded CSV through the server action', async () => {
    const { importKeysAction } = await import('@/app/admin/actions/keys');
    const edition = await makeEdition();
    jar.cookie = admin.cookie;
    const pasted = new FormData();
    pasted.append('id', edition.id);
    pasted.append('keys', licenceKeys(2).join('\n'));
    const first: ActionState<ImportReport> = await importKeysAction({ ok: false }, pasted);
    expect(first).toMatchObject({
      ok: true,
      data: { imported: 2 },
      message: expect.stringMatching(/Imported 2 keys/),
    });

    const upload = new FormData();
    upload.append('id', edition.id);
    upload.append('keys', '');
    upload.append(
      'file',
      new File([`key\n${licenceKeys(3).join('\n')}\nx`], 'batch.csv', {
        type: 'application/vnd.ms-excel',
      }),
    );
    const second = await importKeysAction({ ok: false }, upload);
    expect(second).toMatchObject({ ok: true, data: { imported: 3, malformed: [{ line: 5 }] } });

    const empty = new FormData();
    empty.append('id', edition.id);
    expect(await importKeysAction({ ok: false }, empty)).toMatchObject({
      ok: false,
      fields: { keys: [expect.any(String)] },
    });

    jar.cookie = customer.cookie;
    expect(await importKeysAction({ ok: false }, pasted)).toMatchObject({ ok: false });
    expect(await keysOf(edition.id)).toHaveLength(5);
  });
});
