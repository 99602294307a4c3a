import { desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { GET as listRoute } from '@/app/api/v1/admin/users/route';
import { GET as readRoute } from '@/app/api/v1/admin/users/[id]/route';
import { PUT as roleRoute } from '@/app/api/v1/admin/users/[id]/role/route';
import { POST as disableRoute } from '@/app/api/v1/admin/users/[id]/disable/route';
import { POST as enableRoute } from '@/app/api/v1/admin/users/[id]/enable/route';
import { GET as auditRoute } from '@/app/api/v1/admin/audit/route';
import { GET as statsRoute } from '@/app/api/v1/admin/stats/route';
import { GET as meRoute } from '@/app/api/v1/auth/me/route';
import {
  account,
  bodyOf,
  ctx,
  makeCategory,
  makePaidOrder,
  makeProduct,
  request,
  type Account,
} from './support';

let admin: Account;

beforeAll(async () => {
  admin = await account('admin');
});

const setRole = (as: Account, id: string, role: unknown) =>
  roleRoute(
    request(`/api/v1/admin/users/${id}/role`, { method: 'PUT', body: { role }, cookie: as.cookie }),
    ctx({ id }),
  );
const disable = (as: Account, id: string) =>
  disableRoute(
    request(`/api/v1/admin/users/${id}/disable`, { method: 'POST', cookie: as.cookie }),
    ctx({ id }),
  );
const enable = (as: Account, id: string) =>
  enableRoute(
    request(`/api/v1/admin/users/${id}/enable`, { method: 'POST', cookie: as.cookie }),
    ctx({ id }),
  );
const me = (cookie: string) => meRoute(request('/api/v1/auth/me', { cookie }), ctx());

async function audit(entityId: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(desc(auditLog.id));
}

describe('users', () => {
  it('finds users by email fragment and shows one with their orders', async () => {
    const shopper = await account('customer');
    const product = await makeProduct((await makeCategory()).id);
    const order = await makePaidOrder(shopper.id, product, 1);
    const found = await bodyOf(
      await listRoute(
        request(`/api/v1/admin/users?q=${encodeURIComponent(shopper.email.slice(0, 16))}`, {
          cookie: admin.cookie,
        }),
        ctx(),
      ),
    );
    expect(found.items.map((u: { id: string }) => u.id)).toContain(shopper.id);
    expect(found.items[0]).not.toHaveProperty('passwordHash');

    const detail = await bodyOf(
      await readRoute(
        request(`/api/v1/admin/users/${shopper.id}`, { cookie: admin.cookie }),
        ctx({ id: shopper.id }),
      ),
    );
    expect(detail.user).toMatchObject({
      id: shopper.id,
      role: 'customer',
      status: 'active',
      orderCount: 1,
    });
    expect(detail.orders.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(
      (
        await readRoute(
          request('/api/v1/admin/users/x', { cookie: admin.cookie }),
          ctx({ id: 'x' }),
        )
      ).status,
    ).toBe(404);
  });

  it('promotes a customer to admin: their next request has admin rights', async () => {
    const shopper = await account('customer');
    expect(
      (await statsRoute(request('/api/v1/admin/stats', { cookie: shopper.cookie }), ctx())).status,
    ).toBe(403);
    const res = await setRole(admin, shopper.id, 'admin');
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).user.role).toBe('admin');
    expect(
      (await statsRoute(request('/api/v1/admin/stats', { cookie: shopper.cookie }), ctx())).status,
    ).toBe(200);
    expect((await audit(shopper.id))[0]).toMatchObject({
      action: 'user.role_change',
      before: { role: 'customer' },
      after: { role: 'admin' },
      actorId: admin.id,
    });
    expect((await setRole(admin, shopper.id, 'admin')).status).toBe(409);
    expect((await setRole(admin, shopper.id, 'owner')).status).toBe(400);
  });

  it('disabling ends every session of the user at once; enabling lets them sign in again', async () => {
    const shopper = await account('customer');
    expect((await me(shopper.cookie)).status).toBe(200);
    const res = await disable(admin, shopper.id);
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).user.status).toBe('disabled');
    expect((await me(shopper.cookie)).status).toBe(401);
    expect((await disable(admin, shopper.id)).status).toBe(409);

    expect((await enable(admin, shopper.id)).status).toBe(200);
    const db = await getDb();
    expect((await db.select().from(users).where(eq(users.id, shopper.id)))[0]!.status).toBe(
      'active',
    );
    expect((await audit(shopper.id)).map((e) => e.action)).toEqual(['user.enable', 'user.disable']);
  });

  it('an admin cannot demote or disable themself, and nothing is written', async () => {
    const self = await account('admin');
    const demote = await setRole(self, self.id, 'customer');
    expect(demote.status).toBe(403);
    expect((await bodyOf(demote)).error.message).toMatch(/your own account/);
    expect((await disable(self, self.id)).status).toBe(403);
    expect((await me(self.cookie)).status).toBe(200);
    const db = await getDb();
    expect((await db.select().from(users).where(eq(users.id, self.id)))[0]).toMatchObject({
      role: 'admin',
      status: 'active',
    });
    expect(await audit(self.id)).toEqual([]);
  });
});

describe('the audit log', () => {
  it('lists entries newest first, filtered by actor, entity, action and date', async () => {
    const actor = await account('admin');
    const target = await account('customer');
    await disable(actor, target.id);
    await enable(actor, target.id);
    const get = async (qs: string) => {
      const res = await auditRoute(
        request(`/api/v1/admin/audit?${qs}`, { cookie: admin.cookie }),
        ctx(),
      );
      expect(res.status).toBe(200);
      return (await bodyOf(res)).items as {
        action: string;
        actorEmail: string;
        entityId: string;
      }[];
    };
    const byActor = await get(`actor=${encodeURIComponent(actor.email)}`);
    expect(byActor.map((e) => e.action)).toEqual(['user.enable', 'user.disable']);
    expect(byActor[0]).toMatchObject({ actorEmail: actor.email, entityId: target.id });
    expect((await get(`actor=${actor.id}&action=user.disable`)).map((e) => e.action)).toEqual([
      'user.disable',
    ]);
    expect(await get(`actor=${actor.id}&entity=product`)).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await get(`actor=${actor.id}&from=${today}&to=${today}`)).toHaveLength(2);
    expect(await get(`actor=${actor.id}&to=2020-01-01`)).toEqual([]);
    const bad = await auditRoute(
      request('/api/v1/admin/audit?from=01-01-2020', { cookie: admin.cookie }),
      ctx(),
    );
    expect(bad.status).toBe(400);
  });
});

describe('dashboard stats', () => {
  it('reports 30 days of revenue and orders, statuses, low stock, boards, cache and queue', async () => {
    const shopper = await account('customer');
    const product = await makeProduct((await makeCategory()).id, { stock: 1, priceCents: 1000 });
    const before = await bodyOf(
      await statsRoute(request('/api/v1/admin/stats', { cookie: admin.cookie }), ctx()),
    );
    await makePaidOrder(shopper.id, product, 2);
    const res = await statsRoute(request('/api/v1/admin/stats', { cookie: admin.cookie }), ctx());
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const stats = await bodyOf(res);
    expect(stats.daily).toHaveLength(30);
    expect(stats.daily.at(-1).day).toBe(new Date().toISOString().slice(0, 10));
    expect(stats.totals.today.revenueCents - before.totals.today.revenueCents).toBe(2000);
    const hour = new Date().toISOString().slice(11, 13);
    expect(stats.hourly).toHaveLength(24);
    const nowBefore = before.hourly.find((h: { hour: string }) => h.hour === hour);
    const nowAfter = stats.hourly.find((h: { hour: string }) => h.hour === hour);
    expect(nowAfter.revenueCents - nowBefore.revenueCents).toBe(2000);
    expect(stats.totals.last7Days.orders - before.totals.last7Days.orders).toBe(1);
    expect(stats.ordersByStatus.paid - before.ordersByStatus.paid).toBe(1);
    expect(stats.lowStock.length).toBeGreaterThan(0);
    expect(stats.lowStock.every((p: { stock: number }) => p.stock <= 5)).toBe(true);
    expect(Array.isArray(stats.topSellers)).toBe(true);
    const seconds = expect.toSatisfy((v: unknown) => v === null || typeof v === 'number');
    expect(stats.queue).toEqual({
      pending: expect.any(Number),
      due: expect.any(Number),
      scheduled: expect.any(Number),
      running: expect.any(Number),
      dead: expect.any(Number),
      oldestPendingSeconds: seconds,
      nextScheduledSeconds: seconds,
    });
    expect(stats.queue.due + stats.queue.scheduled).toBe(stats.queue.pending);
    expect(stats.cache).toHaveProperty('hitRate');
  });
});
