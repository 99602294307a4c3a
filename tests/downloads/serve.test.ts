import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, HEAD } from '@/app/api/v1/downloads/[itemId]/route';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { DEMO_BUILD_BYTES, demoBuildFor, newDownloadLink, signDownloadLink } from '@/lib/downloads';
import {
  account,
  bytesOf,
  ctx,
  makeGame,
  ownedItem,
  request,
  revoke,
  setEnv,
  useTemporaryUploads,
  type Account,
  type Game,
} from './fixtures';

let cleanup: () => Promise<void>;
let owner: Account;
let game: Game;
let itemId: string;
let build: Uint8Array;

beforeAll(async () => {
  setEnv({ TRUST_PROXY: 'true' });
  cleanup = await useTemporaryUploads();
  owner = await account();
  game = await makeGame();
  itemId = await ownedItem(owner.id, game.downloadEditionId);
  build = demoBuildFor(game.title).body;
});

afterAll(async () => {
  setEnv({
    TRUST_PROXY: undefined,
    RATE_LIMIT_DOWNLOAD_IP: undefined,
    RATE_LIMIT_DOWNLOAD_ITEM: undefined,
  });
  await cleanup();
});

function download(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const id = new URL(path, 'http://x').pathname.split('/').at(-1)!;
  const handler = method === 'HEAD' ? HEAD : GET;
  return handler(request(path, { method, headers }), ctx({ itemId: id }));
}

const linkFor = (id = itemId, userId = owner.id) => newDownloadLink(id, userId).path;

/** A refusal carries an error, never a byte of the build. */
async function expectRefusal(res: Response, status: number) {
  expect(res.status).toBe(status);
  const body = await bytesOf(res);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.headers.get('content-disposition')).toBeNull();
  expect(body.byteLength).toBeLessThan(500);
  expect(new TextDecoder().decode(body)).not.toContain('demo build');
  return JSON.parse(new TextDecoder().decode(body)) as { error: { code: string; message: string } };
}

describe('GET /api/v1/downloads/{itemId}', () => {
  it('serves the whole build to a valid link, as a private attachment with its size and sha256', async () => {
    const res = await download(linkFor());
    expect(res.status).toBe(200);
    const body = await bytesOf(res);
    expect(body).toEqual(build);
    const sha = createHash('sha256').update(build).digest('hex');
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'accept-ranges': 'bytes',
      'content-length': String(DEMO_BUILD_BYTES),
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'private, no-store',
      etag: `"${sha}"`,
      'x-content-type-options': 'nosniff',
    });
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="download-game-[0-9a-f]{8}-demo-build\.txt"/,
    );
  });

  it('answers HEAD with the same headers and no body', async () => {
    const res = await download(linkFor(), {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(DEMO_BUILD_BYTES));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect((await bytesOf(res)).byteLength).toBe(0);
  });

  it('refuses an expired link with 403 and no file', async () => {
    const expired = signDownloadLink({
      itemId,
      userId: owner.id,
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    });
    const body = await expectRefusal(await download(expired), 403);
    expect(body.error.message).toMatch(/expired/);
  });

  it('refuses a link whose signature, user, item or expiry was changed with 403 and no file', async () => {
    const good = new URL(linkFor(), 'http://x');
    const s = good.searchParams.get('s')!;
    const variants = [
      (u: URL) => u.searchParams.set('s', (s[0] === 'A' ? 'B' : 'A') + s.slice(1)),
      (u: URL) => u.searchParams.set('u', randomUUID()),
      (u: URL) => (u.pathname = `/api/v1/downloads/${randomUUID()}`),
      (u: URL) => u.searchParams.set('e', String(Number(u.searchParams.get('e')) + 86_400)),
      (u: URL) => u.searchParams.delete('s'),
    ];
    for (const change of variants) {
      const url = new URL(good);
      change(url);
      await expectRefusal(await download(`${url.pathname}${url.search}`), 403);
    }
  });

  it('refuses a link to another user’s item even when it is genuinely signed for that item', async () => {
    const other = await account();
    await expectRefusal(await download(linkFor(itemId, other.id)), 403);
  });

  it('stops serving a link handed out before a refund revoked the item', async () => {
    const buyer = await account();
    const item = await ownedItem(buyer.id, game.downloadEditionId);
    const link = linkFor(item, buyer.id);
    expect((await download(link)).status).toBe(200);
    await revoke(item);
    await expectRefusal(await download(link), 403);
  });

  it('stops serving the links of an account that was disabled', async () => {
    const buyer = await account();
    const item = await ownedItem(buyer.id, game.downloadEditionId);
    const link = linkFor(item, buyer.id);
    const db = await getDb();
    await db.update(users).set({ status: 'disabled' }).where(eq(users.id, buyer.id));
    await expectRefusal(await download(link), 403);
  });
});

describe('byte ranges', () => {
  const expectPart = async (res: Response, start: number, end: number) => {
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${DEMO_BUILD_BYTES}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(await bytesOf(res)).toEqual(build.subarray(start, end + 1));
  };

  it('serves the first bytes', async () => {
    await expectPart(await download(linkFor(), { range: 'bytes=0-99' }), 0, 99);
  });

  it('serves a range from the middle', async () => {
    await expectPart(await download(linkFor(), { range: 'bytes=40000-40999' }), 40_000, 40_999);
  });

  it('serves the last n bytes of a suffix range', async () => {
    await expectPart(
      await download(linkFor(), { range: 'bytes=-500' }),
      DEMO_BUILD_BYTES - 500,
      DEMO_BUILD_BYTES - 1,
    );
  });

  it('serves from an offset to the end for an open range (a resumed download)', async () => {
    await expectPart(
      await download(linkFor(), { range: 'bytes=131000-' }),
      131_000,
      DEMO_BUILD_BYTES - 1,
    );
  });

  it('answers 416 with the size for a range past the end', async () => {
    const res = await download(linkFor(), { range: `bytes=${DEMO_BUILD_BYTES}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${DEMO_BUILD_BYTES}`);
  });

  it('answers HEAD with a range with the 206 headers and no body', async () => {
    const res = await download(linkFor(), { range: 'bytes=10-19' }, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 10-19/${DEMO_BUILD_BYTES}`);
    expect(res.headers.get('content-length')).toBe('10');
    expect((await bytesOf(res)).byteLength).toBe(0);
  });

  it('serves the whole file for several ranges', async () => {
    const res = await download(linkFor(), { range: 'bytes=0-9,20-29' });
    expect(res.status).toBe(200);
    expect((await bytesOf(res)).byteLength).toBe(DEMO_BUILD_BYTES);
  });

  it('honours If-Range with the current ETag and sends the whole file when the build changed', async () => {
    const etag = (await download(linkFor(), {}, 'HEAD')).headers.get('etag')!;
    await expectPart(await download(linkFor(), { range: 'bytes=5-9', 'if-range': etag }), 5, 9);
    const stale = await download(linkFor(), { range: 'bytes=5-9', 'if-range': '"an-older-build"' });
    expect(stale.status).toBe(200);
    expect(await bytesOf(stale)).toEqual(build);
  });
});

describe('rate limits on the file route', () => {
  it('refuses a link hammered from one address with 429 and Retry-After', async () => {
    setEnv({ RATE_LIMIT_DOWNLOAD_IP: '3/60' });
    const link = linkFor();
    const ip = { 'x-forwarded-for': `10.250.${Math.floor(Math.random() * 250)}.7` };
    for (let i = 0; i < 3; i++)
      expect((await download(link, { ...ip, range: 'bytes=0-0' })).status).toBe(206);
    const refused = await download(link, ip);
    await expectRefusal(refused, 429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    setEnv({ RATE_LIMIT_DOWNLOAD_IP: undefined });
  });

  it('refuses a leaked link hammered from many addresses', async () => {
    setEnv({ RATE_LIMIT_DOWNLOAD_ITEM: '3/60' });
    const buyer = await account();
    const item = await ownedItem(buyer.id, game.downloadEditionId);
    const link = linkFor(item, buyer.id);
    for (let i = 0; i < 3; i++)
      expect((await download(link, { range: 'bytes=0-0' })).status).toBe(206);
    await expectRefusal(await download(link), 429);
    setEnv({ RATE_LIMIT_DOWNLOAD_ITEM: undefined });
  });
});
