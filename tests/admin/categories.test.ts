import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, categories } from '@/db/schema';
import { GET as listRoute, POST as createRoute } from '@/app/api/v1/admin/categories/route';
import { PUT as orderRoute } from '@/app/api/v1/admin/categories/order/route';
import {
  DELETE as deleteRoute,
  PATCH as patchRoute,
} from '@/app/api/v1/admin/categories/[id]/route';
import { listCategories } from '@/lib/catalog';
import { account, bodyOf, ctx, makeProduct, request, tag, type Account } from './support';

let admin: Account;

beforeAll(async () => {
  admin = await account('admin');
});

async function create(body: unknown) {
  const res = await createRoute(
    request('/api/v1/admin/categories', { body, cookie: admin.cookie }),
    ctx(),
  );
  return { status: res.status, body: await bodyOf(res) };
}
const patch = (id: string, body: unknown) =>
  patchRoute(
    request(`/api/v1/admin/categories/${id}`, { method: 'PATCH', body, cookie: admin.cookie }),
    ctx({ id }),
  );
const remove = (id: string) =>
  deleteRoute(
    request(`/api/v1/admin/categories/${id}`, { method: 'DELETE', cookie: admin.cookie }),
    ctx({ id }),
  );
const list = async () =>
  (
    await bodyOf(
      await listRoute(request('/api/v1/admin/categories', { cookie: admin.cookie }), ctx()),
    )
  ).categories as { id: string; name: string; position: number; productCount: number }[];

async function lastAudit(entityId: string | null) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(auditLog)
    .where(entityId ? eq(auditLog.entityId, entityId) : eq(auditLog.action, 'category.reorder'))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return rows[0];
}

describe('categories', () => {
  it('creates one at the end of the shelf with a slug from its name, seen by the storefront at once', async () => {
    const name = `Roguelikes ${tag()}`;
    const { status, body } = await create({ name, description: 'Die, learn, repeat.' });
    expect(status).toBe(201);
    expect(body.category).toMatchObject({
      name,
      slug: name.toLowerCase().replace(' ', '-'),
      productCount: 0,
    });
    const all = await list();
    expect(all.at(-1)!.id).toBe(body.category.id);
    expect((await listCategories()).map((c) => c.name)).toContain(name);
    expect(await lastAudit(body.category.id)).toMatchObject({
      action: 'category.create',
      actorId: admin.id,
    });
  });

  it('rejects an empty name with a field error and a taken slug with 409, writing nothing', async () => {
    const before = (await list()).length;
    const empty = await create({ name: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.name).toHaveLength(1);
    const first = await create({ name: `Dup ${tag()}` });
    const dup = await create({ name: 'Other', slug: first.body.category.slug });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.slug).toHaveLength(1);
    expect((await list()).length).toBe(before + 1);
  });

  it('renames one and records the old and new name', async () => {
    const { body } = await create({ name: `Old ${tag()}` });
    const id = body.category.id;
    const res = await patch(id, { name: 'Shiny New Name' });
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).category.name).toBe('Shiny New Name');
    expect((await listCategories()).find((c) => c.slug === body.category.slug)?.name).toBe(
      'Shiny New Name',
    );
    const entry = await lastAudit(id);
    expect(entry).toMatchObject({
      action: 'category.update',
      before: { name: body.category.name },
      after: { name: 'Shiny New Name' },
    });
    expect((await patch(id, {})).status).toBe(400);
    expect((await patch('00000000-0000-4000-8000-000000000003', { name: 'x' })).status).toBe(404);
  });

  it('reorders the whole shelf, and refuses an order that leaves one out or repeats one', async () => {
    const ids = (await list()).map((c) => c.id);
    const reversed = [...ids].reverse();
    const res = await orderRoute(
      request('/api/v1/admin/categories/order', {
        method: 'PUT',
        body: { ids: reversed },
        cookie: admin.cookie,
      }),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect((await list()).map((c) => c.id)).toEqual(reversed);
    expect((await lastAudit(null))!.after).toEqual({ ids: reversed });

    for (const bad of [reversed.slice(1), [...reversed.slice(1), reversed[1]]]) {
      const refused = await orderRoute(
        request('/api/v1/admin/categories/order', {
          method: 'PUT',
          body: { ids: bad },
          cookie: admin.cookie,
        }),
        ctx(),
      );
      expect(refused.status).toBe(400);
    }
    expect((await list()).map((c) => c.id)).toEqual(reversed);
  });

  it('refuses to remove a category while a product (even archived) uses it, and removes an empty one', async () => {
    const { body } = await create({ name: `Busy ${tag()}` });
    const id = body.category.id;
    await makeProduct(id, { archivedAt: new Date() });
    expect((await list()).find((c) => c.id === id)).toMatchObject({ productCount: 1 });
    const busy = await remove(id);
    expect(busy.status).toBe(409);
    expect((await bodyOf(busy)).error.message).toMatch(/1 game uses this category/);

    const empty = (await create({ name: `Empty ${tag()}` })).body.category.id;
    expect((await remove(empty)).status).toBe(204);
    const db = await getDb();
    expect(await db.select().from(categories).where(eq(categories.id, empty))).toHaveLength(0);
    expect(await lastAudit(empty)).toMatchObject({
      action: 'category.delete',
      before: { id: empty },
    });
    expect((await remove(empty)).status).toBe(404);
  });
});
