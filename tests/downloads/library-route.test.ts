import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as libraryDownload } from '@/app/api/v1/library/[itemId]/download/route';
import { GET as fileRoute } from '@/app/api/v1/downloads/[itemId]/route';
import { getDb } from '@/db/client';
import { downloads } from '@/db/schema';
import { issueDownloadLink } from '@/lib/downloads';
import {
  account,
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

beforeAll(async () => {
  setEnv({ TRUST_PROXY: 'true' });
  cleanup = await useTemporaryUploads();
  owner = await account();
  game = await makeGame();
  itemId = await ownedItem(owner.id, game.downloadEditionId);
});

afterAll(async () => {
  setEnv({ TRUST_PROXY: undefined, DOWNLOADS_PER_DAY: undefined });
  await cleanup();
});

function askForLink(id: string, cookie?: string, query = '') {
  return libraryDownload(
    request(`/api/v1/library/${id}/download${query}`, { cookie }),
    ctx({ itemId: id }),
  );
}

async function linksHandedOut(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(downloads).where(eq(downloads.userId, userId));
  return row!.n;
}

describe('GET /api/v1/library/{itemId}/download', () => {
  it('redirects the owner (302) to a signed link that serves the build', async () => {
    const res = await askForLink(itemId, owner.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe('http://localhost:3000');
    expect(location.pathname).toBe(`/api/v1/downloads/${itemId}`);
    expect(location.searchParams.get('u')).toBe(owner.id);
    // A download manager follows it with no cookie at all.
    const file = await fileRoute(
      request(`${location.pathname}${location.search}`),
      ctx({ itemId }),
    );
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('answers {url, expiresAt} with ?format=json, expiring after the TTL', async () => {
    const before = Date.now();
    const res = await askForLink(itemId, owner.cookie, '?format=json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; expiresAt: string };
    expect(body.url).toMatch(new RegExp(`^http://localhost:3000/api/v1/downloads/${itemId}\\?u=`));
    const expiresAt = Date.parse(body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 299_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
  });

  it('asks an anonymous caller to sign in (401)', async () => {
    expect((await askForLink(itemId)).status).toBe(401);
  });

  it('answers 404 for another user’s item, a revoked item and an unknown id, and counts nothing', async () => {
    const other = await account();
    const otherItem = await ownedItem(other.id, game.downloadEditionId);
    const refunded = await ownedItem(owner.id, game.downloadEditionId);
    await revoke(refunded);
    const counted = await linksHandedOut(owner.id);
    for (const id of [otherItem, refunded, randomUUID(), 'not-a-uuid']) {
      const res = await askForLink(id, owner.cookie);
      expect(res.status, id).toBe(404);
      expect(res.headers.get('location')).toBeNull();
    }
    expect(await linksHandedOut(owner.id)).toBe(counted);
  });

  it('answers 409 for an edition delivered as a key, and for a build not uploaded yet', async () => {
    const keyItem = await ownedItem(owner.id, game.keyEditionId);
    const keyRes = await askForLink(keyItem, owner.cookie);
    expect(keyRes.status).toBe(409);
    expect(((await keyRes.json()) as { error: { message: string } }).error.message).toMatch(
      /delivered as a key/,
    );

    const bareItem = await ownedItem(owner.id, game.bareDownloadEditionId);
    const bareRes = await askForLink(bareItem, owner.cookie);
    expect(bareRes.status).toBe(409);
    expect(((await bareRes.json()) as { error: { message: string } }).error.message).toBe(
      'The download is not available yet.',
    );
  });

  it('rejects an unknown format', async () => {
    expect((await askForLink(itemId, owner.cookie, '?format=xml')).status).toBe(400);
  });
});

describe('the daily limit of download links', () => {
  it('answers 429 after DOWNLOADS_PER_DAY links, with Retry-After until midnight UTC', async () => {
    setEnv({ DOWNLOADS_PER_DAY: '3' });
    const buyer = await account();
    const item = await ownedItem(buyer.id, game.downloadEditionId);
    for (let i = 0; i < 3; i++) expect((await askForLink(item, buyer.cookie)).status).toBe(302);
    const refused = await askForLink(item, buyer.cookie);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('location')).toBeNull();
    const now = Date.now();
    const midnight = Date.UTC(
      new Date(now).getUTCFullYear(),
      new Date(now).getUTCMonth(),
      new Date(now).getUTCDate() + 1,
    );
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Math.abs(retryAfter - (midnight - now) / 1000)).toBeLessThan(5);
    expect(await linksHandedOut(buyer.id)).toBe(3);
    setEnv({ DOWNLOADS_PER_DAY: undefined });
  });

  it('counts links of earlier days for nothing', async () => {
    setEnv({ DOWNLOADS_PER_DAY: '2' });
    const buyer = await account();
    const item = await ownedItem(buyer.id, game.downloadEditionId);
    const db = await getDb();
    const yesterday = new Date(Date.now() - 86_400_000);
    await db.insert(downloads).values([
      { userId: buyer.id, libraryItemId: item, createdAt: yesterday },
      { userId: buyer.id, libraryItemId: item, createdAt: yesterday },
    ]);
    expect((await askForLink(item, buyer.cookie)).status).toBe(302);
    setEnv({ DOWNLOADS_PER_DAY: undefined });
  });

  it('holds under concurrent requests: exactly the limit is handed out', async () => {
    setEnv({ DOWNLOADS_PER_DAY: '5' });
    const buyer = await account();
    const item = await ownedItem(buyer.id, game.downloadEditionId);
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () =>
        issueDownloadLink({ userId: buyer.id, itemId: item, ip: null }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const db = await getDb();
    const [row] = await db
      .select({ n: count() })
      .from(downloads)
      .where(and(eq(downloads.userId, buyer.id), eq(downloads.libraryItemId, item)));
    expect(row!.n).toBe(5);
    setEnv({ DOWNLOADS_PER_DAY: undefined });
  });
});
