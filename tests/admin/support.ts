import { randomBytes } from 'node:crypto';
import { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { categories, orderItems, orders, payments, products, users } from '@/db/schema';
import { addEdition, orderLineOf } from '../support/editions';
import { createSession, sessionCookie } from '@/lib/auth';

export const ORIGIN = 'http://localhost:3000';
export const tag = () => randomBytes(4).toString('hex');

export type Account = { id: string; email: string; cookie: string };

/** A fresh account with a live session; never the seeded ones, so tests cannot lock each other out. */
export async function account(role: 'customer' | 'admin'): Promise<Account> {
  const db = await getDb();
  const email = `${role}-${tag()}@admin-tests.test`;
  const [user] = await db
    .insert(users)
    .values({ email, name: `Test ${role}`, passwordHash: 'not-a-login', role })
    .returning();
  const session = await createSession(
    { id: user!.id, email, name: user!.name, role, status: 'active' },
    { ip: '127.0.0.1', userAgent: 'vitest' },
  );
  const cookie = await sessionCookie({ sub: user!.id, sid: session.sid, role });
  return { id: user!.id, email, cookie: `${cookie.name}=${cookie.value}` };
}

type RequestOptions = {
  method?: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
  raw?: BodyInit;
};

export function request(path: string, options: RequestOptions = {}): NextRequest {
  const headers: Record<string, string> = { 'user-agent': 'vitest', ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  const body =
    options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new NextRequest(`${ORIGIN}${path}`, {
    method: options.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    body,
  });
}

export function ctx<P extends Record<string, string>>(params: P = {} as P) {
  return { params: Promise.resolve(params) };
}

// Response bodies are checked by shape with expect(); a loose type keeps the tests readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function bodyOf<T = any>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function makeCategory(name = `Admin test ${tag()}`) {
  const db = await getDb();
  const [row] = await db
    .insert(categories)
    .values({ slug: `admin-test-${tag()}`, name, position: 10_000 })
    .returning();
  return row!;
}

export async function makeProduct(
  categoryId: string,
  { stock = 10, ...overrides }: Partial<typeof products.$inferInsert> & { stock?: number } = {},
) {
  const db = await getDb();
  const t = tag();
  const [row] = await db
    .insert(products)
    .values({
      slug: `admin-game-${t}`,
      title: `Admin Game ${t}`,
      description: 'A game made for an admin test.',
      priceCents: 1999,
      categoryId,
      releaseDate: '2024-01-01',
      ...overrides,
    })
    .returning();
  const edition = await addEdition(row!.id, { stock });
  return { ...row!, stock, editionId: edition.id };
}

/** A paid order for `quantity` units of a product, with a captured payment, in the given state. */
export async function makePaidOrder(
  userId: string,
  product: { id: string; slug: string; title: string; priceCents: number },
  quantity: number,
  status: 'paid' | 'fulfilled' | 'refund_requested' = 'paid',
) {
  const db = await getDb();
  const total = product.priceCents * quantity;
  const [order] = await db
    .insert(orders)
    .values({
      userId,
      status,
      paymentMethod: 'card',
      subtotalCents: total,
      totalCents: total,
      shippingAddress: {
        name: 'Sam',
        line1: '1 Arcade Way',
        city: 'Pixelton',
        postalCode: '12345',
        country: 'US',
      },
      paidAt: new Date(),
    })
    .returning();
  await db.insert(orderItems).values({
    orderId: order!.id,
    productId: product.id,
    ...(await orderLineOf(product.id)),
    title: product.title,
    slug: product.slug,
    unitPriceCents: product.priceCents,
    quantity,
  });
  await db.insert(payments).values({
    orderId: order!.id,
    provider: 'simulated',
    method: 'card',
    intentId: `pi_test_${tag()}${tag()}`,
    status: 'succeeded',
    amountCents: total,
    currency: 'USD',
  });
  return order!;
}

/** The smallest valid PNG header (1×1), enough for type sniffing. */
export function pngBytes(extra = 0): Uint8Array<ArrayBuffer> {
  const header = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
  ];
  const bytes = new Uint8Array(header.length + extra);
  bytes.set(header);
  return bytes;
}

export function multipart(fields: Record<string, Blob | string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
