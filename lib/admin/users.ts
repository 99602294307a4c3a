import 'server-only';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type Tx } from '@/db/client';
import { adminDb } from './db';
import { users } from '@/db/schema';
import { refreshUserSessions, revokeAllSessions } from '@/lib/auth';
import { ConflictError, ForbiddenError, NotFoundError } from '@/lib/errors';
import type { OrderPage } from '@/lib/orders';
import { listOrdersFrom } from '@/lib/orders/queries';
import type { AdminActor } from './actor';
import { escapeLike, recordAudit } from './audit';
import { blankToUndefined, pageOf, pageSchema, type Paged } from './paging';
import { isUuid } from '@/db/ids';

export const userListQuerySchema = pageSchema.extend({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  role: z.preprocess(blankToUndefined, z.enum(['customer', 'admin']).optional()),
  status: z.preprocess(blankToUndefined, z.enum(['active', 'disabled']).optional()),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const roleChangeSchema = z.strictObject({
  role: z.enum(['customer', 'admin'], 'Choose customer or admin.'),
});

export type AdminUser = {
  id: string;
  email: string;
  name: string;
  role: 'customer' | 'admin';
  status: 'active' | 'disabled';
  createdAt: string;
  orderCount: number;
};

type UserRow = typeof users.$inferSelect;
const notFound = () => new NotFoundError('We could not find that user.');

// Spelled out: drizzle leaves columns unqualified in single-table selects, which would bind to the subquery's table.
const orderCount = sql<number>`(select count(*)::int from orders o where o.user_id = "users"."id")`;
const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
  createdAt: users.createdAt,
  orderCount,
};

function toView(r: Omit<AdminUser, 'createdAt'> & { createdAt: Date }): AdminUser {
  return { ...r, orderCount: Number(r.orderCount), createdAt: r.createdAt.toISOString() };
}

export async function listAdminUsers(query: UserListQuery): Promise<Paged<AdminUser>> {
  const db = await adminDb();
  const where: SQL[] = [];
  if (query.role) where.push(eq(users.role, query.role));
  if (query.status) where.push(eq(users.status, query.status));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    where.push(
      isUuid(query.q)
        ? eq(users.id, query.q)
        : or(sql`${users.email} ilike ${like}`, sql`${users.name} ilike ${like}`)!,
    );
  }
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select(columns)
      .from(users)
      .where(condition)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(condition),
  ]);
  return pageOf(rows.map(toView), Number(total?.n ?? 0), query);
}

export async function getAdminUser(id: string): Promise<AdminUser> {
  if (!isUuid(id)) throw notFound();
  const db = await adminDb();
  const [row] = await db.select(columns).from(users).where(eq(users.id, id));
  if (!row) throw notFound();
  return toView(row);
}

/** A user's orders, newest first, as their own order history shows them. */
export async function listUserOrders(id: string, page = 1): Promise<OrderPage> {
  await getAdminUser(id);
  return listOrdersFrom(await adminDb(), id, page, 20);
}

async function lockUser(tx: Tx, id: string): Promise<UserRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!row) throw notFound();
  return row;
}

/** An admin who locks themself out leaves the shop with nobody to undo it. */
function refuseSelf(actor: AdminActor, id: string, what: string): void {
  if (actor.id === id)
    throw new ForbiddenError(`You cannot ${what} your own account. Ask another admin.`);
}

export async function changeUserRole(
  actor: AdminActor,
  id: string,
  role: 'customer' | 'admin',
): Promise<AdminUser> {
  if (role !== 'admin') refuseSelf(actor, id, 'demote');
  const db = await adminDb();
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, id);
    if (before.role === role)
      throw new ConflictError(
        `This user is already ${role === 'admin' ? 'an admin' : 'a customer'}.`,
      );
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id));
    await recordAudit(tx, actor, {
      action: 'user.role_change',
      entity: 'user',
      entityId: id,
      before: { role: before.role },
      after: { role },
    });
  });
  // Live session copies carry the role: drop them so the next request reads the new one.
  await refreshUserSessions(id);
  return getAdminUser(id);
}

/** Disabling signs the user out everywhere at once; they cannot sign in until enabled again. */
export async function disableUserAccount(actor: AdminActor, id: string): Promise<AdminUser> {
  refuseSelf(actor, id, 'disable');
  await setStatus(actor, id, 'disabled');
  await revokeAllSessions(id);
  return getAdminUser(id);
}

export async function enableUserAccount(actor: AdminActor, id: string): Promise<AdminUser> {
  await setStatus(actor, id, 'active');
  await refreshUserSessions(id);
  return getAdminUser(id);
}

async function setStatus(
  actor: AdminActor,
  id: string,
  status: 'active' | 'disabled',
): Promise<void> {
  const db = await adminDb();
  await db.transaction(async (tx) => {
    const before = await lockUser(tx, id);
    if (before.status === status)
      throw new ConflictError(
        status === 'disabled' ? 'This user is already disabled.' : 'This user is already active.',
      );
    await tx.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, id));
    await recordAudit(tx, actor, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      entity: 'user',
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
  });
}
