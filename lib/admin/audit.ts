import 'server-only';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import type { AdminActor } from './actor';
import { dateOnly, pageSchema, pageOf, type Paged } from './paging';

export type AuditChange = {
  action: string;
  entity: 'product' | 'product_image' | 'edition' | 'category' | 'order' | 'user';
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Records an admin write. Pass the write's own transaction: the entry commits with the change or
 * not at all, so the log never claims a write that rolled back, nor misses one that happened.
 */
export async function recordAudit(
  tx: DbOrTx,
  actor: AdminActor,
  change: AuditChange,
): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId,
    before: change.before === undefined ? null : jsonSafe(change.before),
    after: change.after === undefined ? null : jsonSafe(change.after),
    ip: actor.ip,
  });
}

/** Dates become ISO strings and undefined fields disappear, exactly as they will read back. */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export const auditQuerySchema = pageSchema.extend({
  actor: z.string().trim().max(200).optional(),
  entity: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(100).optional(),
  action: z.string().trim().max(60).optional(),
  from: dateOnly.optional(),
  to: dateOnly.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export type AuditEntry = {
  id: number;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
};

/** The audit log, newest first; `actor` matches an email fragment or an exact user id. */
export async function listAudit(query: AuditQuery): Promise<Paged<AuditEntry>> {
  const db = await getDb();
  const where: SQL[] = [];
  if (query.actor) {
    where.push(
      z.uuid().safeParse(query.actor).success
        ? eq(auditLog.actorId, query.actor)
        : sql`${users.email} ilike ${'%' + escapeLike(query.actor) + '%'}`,
    );
  }
  if (query.entity) where.push(eq(auditLog.entity, query.entity));
  if (query.entityId) where.push(eq(auditLog.entityId, query.entityId));
  if (query.action) where.push(eq(auditLog.action, query.action));
  if (query.from) where.push(gte(auditLog.createdAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to)
    where.push(
      lt(auditLog.createdAt, new Date(new Date(`${query.to}T00:00:00Z`).getTime() + 86_400_000)),
    );
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        actorId: auditLog.actorId,
        actorEmail: users.email,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(condition)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(condition),
  ]);
  return pageOf(
    rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    Number(total?.n ?? 0),
    query,
  );
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function auditActions(): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
