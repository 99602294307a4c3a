import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { editions, libraryItems, licenseKeys, orderItems, orders, users } from '@/db/schema';
import type { AdminActor } from '@/lib/admin/actor';
import { createSession, sessionCookie } from '@/lib/auth';
import { importKeys } from '@/lib/vault';
import { makeGame } from '../support/editions';

/*
 * Rows of the vault's own tests, inserted directly: a game and its editions, buyers, paid orders
 * and their library items. Nothing here goes through the catalog, cart or order code, so these
 * tests need only the migrated schema, never the seed or another domain's behaviour.
 */

export const ORIGIN = 'http://localhost:3000';
export const tag = () => randomBytes(4).toString('hex');

/** A key in the shape suppliers send: five groups of five. */
export const licenceKey = () =>
  Array.from({ length: 5 }, () => randomBytes(4).toString('hex').slice(0, 5).toUpperCase()).join(
    '-',
  );

export const licenceKeys = (n: number) => Array.from({ length: n }, licenceKey);

export type TestEdition = {
  id: string;
  productId: string;
  name: string;
  platform: string;
  sku: string;
};

/** A game with one edition delivered as `delivery` (a key edition by default), at `stock`. */
export async function makeEdition(
  opts: { delivery?: 'key' | 'download' | 'physical'; stock?: number } = {},
): Promise<TestEdition> {
  const db = await getDb();
  const game = await makeGame();
  const delivery = opts.delivery ?? 'key';
  const [e] = await db
    .insert(editions)
    .values({
      productId: game.id,
      sku: `VAULT-${tag()}-${delivery}`.toUpperCase(),
      name: `Standard edition (${delivery})`,
      platform: 'PC',
      delivery,
      priceCents: 2999,
      stock: opts.stock ?? 0,
    })
    .returning();
  return { id: e!.id, productId: game.id, name: e!.name, platform: e!.platform, sku: e!.sku };
}

export async function makeUsers(n: number, role: 'customer' | 'admin' = 'customer') {
  const db = await getDb();
  const t = tag();
  return db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `vault-${role}-${t}-${i}@vault.test`,
        name: `Vault ${role} ${i}`,
        // Never used to log in: sessions are created directly.
        passwordHash: 'not-a-login',
        role,
      })),
    )
    .returning({ id: users.id, email: users.email });
}

export async function makeUser(role: 'customer' | 'admin' = 'customer') {
  return (await makeUsers(1, role))[0]!;
}

export type Account = { id: string; email: string; cookie: string };

/** A fresh account with a live session cookie, for route tests. */
export async function account(role: 'customer' | 'admin'): Promise<Account> {
  const user = await makeUser(role);
  const session = await createSession(
    { id: user.id, email: user.email, name: 'Vault tester', role, status: 'active' },
    { ip: '127.0.0.1', userAgent: 'vitest' },
  );
  const cookie = await sessionCookie({ sub: user.id, sid: session.sid, role });
  return { ...user, cookie: `${cookie.name}=${cookie.value}` };
}

export async function actorOf(role: 'admin' = 'admin'): Promise<AdminActor> {
  const user = await makeUser(role);
  return { id: user.id, email: user.email, ip: '198.51.100.1' };
}

type OrderStatus = (typeof orders.$inferSelect)['status'];

/**
 * An order (in `status`, paid by default) for `quantity` units of a key edition, with one library
 * item per unit and no key yet: what the order code leaves before it calls assignKeys.
 */
export async function makeOrder(
  userId: string,
  edition: TestEdition,
  quantity = 1,
  status: OrderStatus = 'paid',
): Promise<{ orderId: string; itemIds: string[] }> {
  return (await makeOrders([userId], edition, quantity, status))[0]!;
}

/** One order per user id, each for `quantity` units, inserted in bulk. */
export async function makeOrders(
  userIds: string[],
  edition: TestEdition,
  quantity = 1,
  status: OrderStatus = 'paid',
): Promise<{ orderId: string; itemIds: string[] }[]> {
  const db = await getDb();
  const paid = status !== 'pending_payment' && status !== 'cancelled';
  const made = await db
    .insert(orders)
    .values(
      userIds.map((userId) => ({
        userId,
        status,
        paymentMethod: 'card' as const,
        subtotalCents: 2999 * quantity,
        totalCents: 2999 * quantity,
        billingCountry: 'US',
        paidAt: paid ? new Date() : null,
      })),
    )
    .returning({ id: orders.id, userId: orders.userId });
  await db.insert(orderItems).values(
    made.map((o) => ({
      orderId: o.id,
      productId: edition.productId,
      editionId: edition.id,
      title: 'Vault Game',
      slug: 'vault-game',
      editionName: edition.name,
      platform: edition.platform,
      delivery: 'key' as const,
      unitPriceCents: 2999,
      quantity,
    })),
  );
  const items = await db
    .insert(libraryItems)
    .values(
      made.flatMap((o) =>
        Array.from({ length: quantity }, () => ({
          userId: o.userId,
          orderId: o.id,
          editionId: edition.id,
        })),
      ),
    )
    .returning({ id: libraryItems.id, orderId: libraryItems.orderId });
  return made.map((o) => ({
    orderId: o.id,
    itemIds: items.filter((i) => i.orderId === o.id).map((i) => i.id),
  }));
}

/** Imports keys as plain text; the edition's stock grows by the keys put on sale. */
export async function stockKeys(edition: TestEdition, keys: string[], actor?: AdminActor) {
  return importKeys({
    editionId: edition.id,
    body: keys.join('\n'),
    contentType: 'text/plain',
    actor: actor ?? (await actorOf()),
  });
}

export async function stockOf(editionId: string): Promise<number> {
  const db = await getDb();
  const [e] = await db
    .select({ stock: editions.stock })
    .from(editions)
    .where(eq(editions.id, editionId));
  return e!.stock ?? 0;
}

export async function keysOf(editionId: string) {
  const db = await getDb();
  return db.select().from(licenseKeys).where(eq(licenseKeys.editionId, editionId));
}

export async function itemOf(itemId: string) {
  const db = await getDb();
  const [item] = await db.select().from(libraryItems).where(eq(libraryItems.id, itemId));
  return item!;
}

type RequestOptions = {
  method?: string;
  cookie?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
};

export function request(path: string, options: RequestOptions = {}): NextRequest {
  const headers: Record<string, string> = { 'user-agent': 'vitest', ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  return new NextRequest(`${ORIGIN}${path}`, {
    method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.body,
  });
}

export function ctx<P extends Record<string, string>>(params: P) {
  return { params: Promise.resolve(params) };
}

// Response bodies are checked by shape with expect(); a loose type keeps the tests readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function bodyOf<T = any>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}
