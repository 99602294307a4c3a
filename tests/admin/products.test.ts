import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { productStock } from '../support/editions';
import { getDb } from '@/db/client';
import { auditLog, products, stockAdjustments } from '@/db/schema';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/admin/products/route';
import { GET as readRoute, PATCH as patchRoute } from '@/app/api/v1/admin/products/[id]/route';
import { POST as archiveRoute } from '@/app/api/v1/admin/products/[id]/archive/route';
import { POST as restoreRoute } from '@/app/api/v1/admin/products/[id]/restore/route';
import { POST as stockRoute } from '@/app/api/v1/admin/products/[id]/stock/route';
import { adjustStock, updateProduct } from '@/lib/admin';
import { createCache } from '@/lib/cache';
import { getProduct, searchProducts } from '@/lib/catalog';
import { queryProduct } from '@/lib/catalog/repository';
import { NotFoundError } from '@/lib/errors';
import { createUpstashKv } from '@/lib/kv';
import { account, bodyOf, ctx, makeCategory, request, type Account } from './support';

let admin: Account;
let categoryId: string;
const unique = () => randomBytes(4).toString('hex');

function validProduct(overrides: Record<string, unknown> = {}) {
  return {
    title: `Nebula Drift ${unique()}`,
    description: 'Race through the stars.',
    priceCents: 2999,
    categoryId,
    releaseDate: '2025-03-01',
    platforms: ['PC', 'Switch'],
    genres: ['Racing'],
    stock: 7,
    ...overrides,
  };
}

async function create(body: unknown) {
  const res = await createRoute(
    request('/api/v1/admin/products', { body, cookie: admin.cookie }),
    ctx(),
  );
  return { status: res.status, body: await bodyOf(res) };
}

async function auditFor(entityId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(desc(auditLog.id));
}

beforeAll(async () => {
  admin = await account('admin');
  categoryId = (await makeCategory()).id;
});

describe('creating a product', () => {
  it('stores it, records the opening stock and an audit entry, and the storefront finds it at once', async () => {
    const input = validProduct();
    const { status, body } = await create(input);
    expect(status).toBe(201);
    const product = body.product;
    expect(product).toMatchObject({
      title: input.title,
      priceCents: 2999,
      stock: 7,
      archivedAt: null,
      categoryId,
    });
    expect(product.slug).toMatch(/^nebula-drift-/);

    const db = await getDb();
    const adjustments = await db
      .select()
      .from(stockAdjustments)
      .where(eq(stockAdjustments.productId, product.id));
    expect(adjustments).toEqual([
      expect.objectContaining({ delta: 7, reason: 'Opening stock', actorId: admin.id }),
    ]);

    const [entry] = await auditFor(product.id);
    expect(entry).toMatchObject({
      actorId: admin.id,
      action: 'product.create',
      entity: 'product',
      ip: expect.any(String),
    });
    expect(entry!.after).toMatchObject({ title: input.title, priceCents: 2999 });

    expect((await getProduct(product.slug)).title).toBe(input.title);
    const found = await searchProducts(input.title);
    expect(found.items.map((p) => p.id)).toContain(product.id);
  });

  it('rejects bad input with 400 and a message per field, and writes nothing', async () => {
    const db = await getDb();
    const title = `Broken ${unique()}`;
    const { status, body } = await create({
      title,
      description: '',
      priceCents: -5,
      categoryId: 'not-a-uuid',
      releaseDate: '31/01/2025',
      stock: 1.5,
      surprise: true,
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation');
    expect(Object.keys(body.error.fields)).toEqual(
      expect.arrayContaining(['description', 'priceCents', 'categoryId', 'releaseDate', 'stock']),
    );
    expect(await db.select().from(products).where(eq(products.title, title))).toHaveLength(0);
  });

  it('rejects an unknown category as a field error, not a server error', async () => {
    const { status, body } = await create(
      validProduct({ categoryId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(status).toBe(400);
    expect(body.error.fields.categoryId).toEqual(['Choose an existing category.']);
  });

  it('refuses a slug another game uses with 409 on the slug field', async () => {
    const first = await create(validProduct());
    const again = await create(validProduct({ slug: first.body.product.slug }));
    expect(again.status).toBe(409);
    expect(again.body.error.fields.slug).toHaveLength(1);
  });

  it('refuses a JSON body from another origin', async () => {
    const res = await createRoute(
      request('/api/v1/admin/products', {
        body: validProduct(),
        cookie: admin.cookie,
        headers: { origin: 'https://evil.example' },
      }),
      ctx(),
    );
    expect(res.status).toBe(403);
  });
});

describe('editing a product', () => {
  it('shows the new price on the next catalog read of this instance and of another instance', async () => {
    const { body } = await create(validProduct({ priceCents: 1500 }));
    const { id, slug } = body.product;
    const redis = createUpstashKv({ url: inject('bridgeUrl'), token: inject('bridgeToken') });
    const other = createCache({ namespace: 'catalog', kv: redis, coherenceMs: 0 });
    const readOther = () => other.read(`product:${slug}`, () => queryProduct(slug));
    expect((await getProduct(slug)).priceCents).toBe(1500);
    expect((await readOther())?.priceCents).toBe(1500);

    const res = await patchRoute(
      request(`/api/v1/admin/products/${id}`, {
        method: 'PATCH',
        body: { priceCents: 1234 },
        cookie: admin.cookie,
      }),
      ctx({ id }),
    );
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).product.priceCents).toBe(1234);

    expect((await getProduct(slug)).priceCents).toBe(1234);
    expect((await readOther())?.priceCents).toBe(1234);

    const [entry] = await auditFor(id);
    expect(entry).toMatchObject({
      action: 'product.update',
      before: { priceCents: 1500 },
      after: { priceCents: 1234 },
    });
  });

  it('refuses to set stock through an edit and leaves the product unchanged', async () => {
    const { body } = await create(validProduct());
    const { id } = body.product;
    const res = await patchRoute(
      request(`/api/v1/admin/products/${id}`, {
        method: 'PATCH',
        body: { stock: 999, priceCents: 1 },
        cookie: admin.cookie,
      }),
      ctx({ id }),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields).toHaveProperty('_');
    const read = await bodyOf(
      await readRoute(
        request(`/api/v1/admin/products/${id}`, { cookie: admin.cookie }),
        ctx({ id }),
      ),
    );
    expect(read.product).toMatchObject({ stock: 7, priceCents: 2999 });
  });

  it('answers 404 for a product that does not exist', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const res = await patchRoute(
      request(`/api/v1/admin/products/${id}`, {
        method: 'PATCH',
        body: { priceCents: 100 },
        cookie: admin.cookie,
      }),
      ctx({ id }),
    );
    expect(res.status).toBe(404);
  });
});

describe('archiving and restoring', () => {
  it('takes a game off the storefront and puts it back, each once', async () => {
    const { body } = await create(validProduct());
    const { id, slug } = body.product;
    await getProduct(slug);
    const post = (handler: typeof archiveRoute, verb: string) =>
      handler(
        request(`/api/v1/admin/products/${id}/${verb}`, { method: 'POST', cookie: admin.cookie }),
        ctx({ id }),
      );

    const archived = await post(archiveRoute, 'archive');
    expect(archived.status).toBe(200);
    expect((await bodyOf(archived)).product.archivedAt).toEqual(expect.any(String));
    await expect(getProduct(slug)).rejects.toBeInstanceOf(NotFoundError);
    expect((await post(archiveRoute, 'archive')).status).toBe(409);

    const listed = await bodyOf(
      await listRoute(
        request(
          `/api/v1/admin/products?status=archived&q=${encodeURIComponent(body.product.title)}`,
          { cookie: admin.cookie },
        ),
        ctx(),
      ),
    );
    expect(listed.items.map((p: { id: string }) => p.id)).toEqual([id]);

    expect((await post(restoreRoute, 'restore')).status).toBe(200);
    expect((await getProduct(slug)).id).toBe(id);
    expect((await post(restoreRoute, 'restore')).status).toBe(409);

    const actions = (await auditFor(id)).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['product.restore', 'product.archive']);
  });
});

describe('adjusting stock', () => {
  it('adds and removes units with a reason, one stock_adjustments row each', async () => {
    const { body } = await create(validProduct({ stock: 2 }));
    const { id, slug } = body.product;
    const adjust = (delta: unknown, reason: unknown) =>
      stockRoute(
        request(`/api/v1/admin/products/${id}/stock`, {
          body: { delta, reason },
          cookie: admin.cookie,
        }),
        ctx({ id }),
      );

    const added = await adjust(5, 'Restock from publisher');
    expect(added.status).toBe(200);
    expect((await bodyOf(added)).product.stock).toBe(7);
    expect((await getProduct(slug)).stock).toBe(7);

    const removed = await adjust(-3, 'Damaged keys');
    expect((await bodyOf(removed)).product.stock).toBe(4);

    const db = await getDb();
    const rows = await db
      .select({
        delta: stockAdjustments.delta,
        reason: stockAdjustments.reason,
        actorId: stockAdjustments.actorId,
      })
      .from(stockAdjustments)
      .where(and(eq(stockAdjustments.productId, id)))
      .orderBy(stockAdjustments.id);
    expect(rows).toEqual([
      { delta: 2, reason: 'Opening stock', actorId: admin.id },
      { delta: 5, reason: 'Restock from publisher', actorId: admin.id },
      { delta: -3, reason: 'Damaged keys', actorId: admin.id },
    ]);
    const audit = (await auditFor(id)).filter((e) => e.action === 'product.stock_adjust');
    expect(audit.map((e) => e.after)).toEqual([
      { edition: 'Standard edition (boxed)', stock: 4, delta: -3, reason: 'Damaged keys' },
      { edition: 'Standard edition (boxed)', stock: 7, delta: 5, reason: 'Restock from publisher' },
    ]);
  });

  it('refuses to go below zero (409), to move nothing, or to move without a reason (400), writing nothing', async () => {
    const { body } = await create(validProduct({ stock: 1 }));
    const { id } = body.product;
    const adjust = (delta: unknown, reason: unknown) =>
      stockRoute(
        request(`/api/v1/admin/products/${id}/stock`, {
          body: { delta, reason },
          cookie: admin.cookie,
        }),
        ctx({ id }),
      );
    const below = await adjust(-2, 'Oversold');
    expect(below.status).toBe(409);
    expect((await bodyOf(below)).error.fields.delta).toHaveLength(1);
    const zero = await adjust(0, 'Nothing');
    expect(zero.status).toBe(400);
    expect((await bodyOf(zero)).error.fields.delta).toHaveLength(1);
    const noReason = await adjust(3, '');
    expect((await bodyOf(noReason)).error.fields.reason).toHaveLength(1);

    const db = await getDb();
    expect(await productStock(id)).toBe(1);
    expect(
      await db.select().from(stockAdjustments).where(eq(stockAdjustments.productId, id)),
    ).toHaveLength(1);
    expect((await auditFor(id)).map((e) => e.action)).toEqual(['product.create']);
  });
});

describe('the product list', () => {
  it('searches by title and filters by category and low stock', async () => {
    const word = `Zyx${unique()}`;
    const low = (await create(validProduct({ title: `${word} Low`, stock: 2 }))).body.product;
    const plenty = (await create(validProduct({ title: `${word} Plenty`, stock: 50 }))).body
      .product;
    const list = async (qs: string) =>
      (
        await bodyOf(
          await listRoute(request(`/api/v1/admin/products?${qs}`, { cookie: admin.cookie }), ctx()),
        )
      ).items.map((p: { id: string }) => p.id);
    expect(await list(`q=${word}&sort=title`)).toEqual([low.id, plenty.id]);
    expect(await list(`q=${word}&stock=low`)).toEqual([low.id]);
    expect(await list(`q=${word}&category=${categoryId}&sort=stock`)).toEqual([low.id, plenty.id]);
    const bad = await listRoute(
      request('/api/v1/admin/products?status=gone&pageSize=1000', { cookie: admin.cookie }),
      ctx(),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((await bodyOf(bad)).error.fields).sort()).toEqual(['pageSize', 'status']);
  });
});

describe('the audit entry and the write', () => {
  it('commit together: when the audit entry cannot be written, the edit is rolled back too', async () => {
    const { body } = await create(validProduct({ priceCents: 4200 }));
    const { id } = body.product;
    // An actor that is not a user breaks the audit row's foreign key, after the product row changed.
    const ghost = { id: randomUUID(), email: 'ghost@example.test', ip: null };
    await expect(updateProduct(ghost, id, { priceCents: 1 })).rejects.toThrow();
    await expect(adjustStock(ghost, id, { delta: 5, reason: 'Ghost restock' })).rejects.toThrow();
    const db = await getDb();
    const [row] = await db.select().from(products).where(eq(products.id, id));
    expect(row).toMatchObject({ priceCents: 4200 });
    expect(await productStock(id)).toBe(7);
    expect(
      await db.select().from(stockAdjustments).where(eq(stockAdjustments.productId, id)),
    ).toHaveLength(1);
  });
});
