import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { categories, editions, libraryItems, orders, products, users } from '@/db/schema';
import { createSession, sessionCookie } from '@/lib/auth';
import { resetEnvForTests } from '@/lib/config/env';
import { seedEditionBuild } from '@/lib/downloads';
import { setStorage } from '@/lib/storage';

/*
 * Rows of their own for every download test, inserted directly: a game with a download edition
 * (its demo build stored under a temporary UPLOAD_DIR), a key edition, owners with live sessions,
 * paid orders and library items. Never the seeded catalog, which another change may be reshaping.
 */

export const ORIGIN = 'http://localhost:3000';
export const tag = () => randomBytes(4).toString('hex');

export type Account = { id: string; email: string; cookie: string };

/** Points storage at a fresh temporary UPLOAD_DIR; returns the cleanup for afterAll. */
export async function useTemporaryUploads(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'arcade-downloads-'));
  process.env.UPLOAD_DIR = dir;
  resetEnvForTests();
  setStorage(undefined);
  return async () => {
    setStorage(undefined);
    delete process.env.UPLOAD_DIR;
    resetEnvForTests();
    await rm(dir, { recursive: true, force: true });
  };
}

/** Sets environment variables for a test file and forgets the parsed environment. */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

export async function account(role: 'customer' | 'admin' = 'customer'): Promise<Account> {
  const db = await getDb();
  const email = `${role}-${tag()}@downloads.test`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `Download ${role}`, passwordHash: 'not-a-login', role })
    .returning();
  const session = await createSession(
    { id: user!.id, email, name: user!.name, role, status: 'active' },
    { ip: '127.0.0.1', userAgent: 'vitest' },
  );
  const cookie = await sessionCookie({ sub: user!.id, sid: session.sid, role });
  return { id: user!.id, email, cookie: `${cookie.name}=${cookie.value}` };
}

export type Game = {
  productId: string;
  title: string;
  downloadEditionId: string;
  keyEditionId: string;
  /** A download edition whose build was never uploaded. */
  bareDownloadEditionId: string;
};

export async function makeGame(options: { withBuild?: boolean } = {}): Promise<Game> {
  const db = await getDb();
  const t = tag();
  const [category] = await db
    .insert(categories)
    .values({ slug: `downloads-test-${t}`, name: `Downloads test ${t}`, position: 10_000 })
    .returning({ id: categories.id });
  const title = `Download Game ${t}`;
  const [product] = await db
    .insert(products)
    .values({
      slug: `download-game-${t}`,
      title,
      description: 'A game made for a download test.',
      priceCents: 1499,
      categoryId: category!.id,
      releaseDate: '2024-01-01',
    })
    .returning({ id: products.id });
  const edition = (name: string, delivery: 'key' | 'download', position: number) => ({
    productId: product!.id,
    sku: `DL-${t}-${name}`,
    name,
    platform: 'PC',
    delivery,
    priceCents: 1499,
    stock: delivery === 'download' ? null : 10,
    position,
  });
  const rows = await db
    .insert(editions)
    .values([
      edition('download', 'download', 0),
      edition('key', 'key', 1),
      edition('download-bare', 'download', 2),
    ])
    .returning({ id: editions.id, sku: editions.sku });
  const idOf = (suffix: string) => rows.find((r) => r.sku === `DL-${t}-${suffix}`)!.id;
  const game: Game = {
    productId: product!.id,
    title,
    downloadEditionId: idOf('download'),
    keyEditionId: idOf('key'),
    bareDownloadEditionId: idOf('download-bare'),
  };
  if (options.withBuild !== false) await seedEditionBuild(db, game.downloadEditionId, title);
  return game;
}

/** A paid digital order of one unit of `editionId`, and the library item it put in `userId`'s library. */
export async function ownedItem(userId: string, editionId: string): Promise<string> {
  const db = await getDb();
  const [order] = await db
    .insert(orders)
    .values({
      userId,
      status: 'paid',
      paymentMethod: 'card',
      subtotalCents: 1499,
      totalCents: 1499,
      billingCountry: 'US',
      paidAt: new Date(),
    })
    .returning({ id: orders.id });
  const [item] = await db
    .insert(libraryItems)
    .values({ userId, orderId: order!.id, editionId })
    .returning({ id: libraryItems.id });
  return item!.id;
}

/** What a refund does to a library item. */
export async function revoke(itemId: string): Promise<void> {
  const db = await getDb();
  await db.update(libraryItems).set({ revokedAt: new Date() }).where(eq(libraryItems.id, itemId));
}

type RequestOptions = {
  method?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
};

/** A request from a random client address (TRUST_PROXY is on in these tests), so per-IP limits never collide. */
export function request(urlOrPath: string, options: RequestOptions = {}): NextRequest {
  const headers: Record<string, string> = {
    'user-agent': 'vitest',
    'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    ...options.headers,
  };
  if (options.cookie) headers.cookie = options.cookie;
  return new NextRequest(new URL(urlOrPath, ORIGIN), {
    method: options.method ?? 'GET',
    headers,
    body: options.body,
    // Node's fetch needs this for streamed bodies; harmless otherwise.
    ...(options.body ? { duplex: 'half' } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

export function ctx<P extends Record<string, string>>(params: P) {
  return { params: Promise.resolve(params) };
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}
