import 'server-only';
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type DbOrTx } from '@/db/client';
import { adminDb } from './db';
import { auditLog, categories, editions, products, users } from '@/db/schema';
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

/**
 * Who wrote an entry. The log keeps no actor kind, only an actor id that is null both for what
 * the shop does by itself and for an admin whose account was deleted since (the foreign key sets
 * it null). The action tells them apart: system actions are written only by the shop's own jobs,
 * and every admin write names its admin when it is recorded.
 */
export type AuditActorKind = 'admin' | 'system' | 'deleted';

/** Actions the shop records by itself (background jobs, alerts); a new one is added here. */
export const SYSTEM_AUDIT_ACTIONS: ReadonlySet<string> = new Set(['stock.low_alert']);

export function auditActorKind(entry: { actorId: string | null; action: string }): AuditActorKind {
  if (entry.actorId) return 'admin';
  return SYSTEM_AUDIT_ACTIONS.has(entry.action) || entry.action.startsWith('system.')
    ? 'system'
    : 'deleted';
}

export type AuditEntry = {
  id: number;
  actorId: string | null;
  actorEmail: string | null;
  actorKind: AuditActorKind;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  createdAt: string;
  /** What the entry is about, by name ("Star Fox", "Racing", an email); null when unknown. */
  targetName: string | null;
  /** Names of the games, editions, categories and users the entry's ids point at. */
  names: Record<string, string>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Enough for a page of entries; a reorder of a huge shelf simply shows some ids unnamed. */
const MAX_NAMED_IDS = 500;

/** Every id-looking string in an entry's target and snapshots. */
function idsIn(value: unknown, into: Set<string>): void {
  if (into.size >= MAX_NAMED_IDS) return;
  if (typeof value === 'string') {
    if (UUID.test(value)) into.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const v of value) idsIn(v, into);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) idsIn(v, into);
  }
}

/** Names for ids, from the tables an entry can point at; ids of rows deleted since stay unnamed. */
async function namesOf(ids: Set<string>): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!ids.size) return names;
  const list = [...ids];
  const db = await adminDb();
  const [games, shelves, units, people] = await Promise.all([
    db
      .select({ id: products.id, name: products.title })
      .from(products)
      .where(inArray(products.id, list)),
    db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(inArray(categories.id, list)),
    db
      .select({
        id: editions.id,
        name: sql<string>`${products.title} || ' (' || ${editions.name} || ')'`,
      })
      .from(editions)
      .innerJoin(products, eq(products.id, editions.productId))
      .where(inArray(editions.id, list)),
    db.select({ id: users.id, name: users.email }).from(users).where(inArray(users.id, list)),
  ]);
  for (const row of [...games, ...shelves, ...units, ...people]) names.set(row.id, row.name);
  return names;
}

/** The audit log, newest first; `actor` matches an email fragment or an exact user id. */
export async function listAudit(query: AuditQuery): Promise<Paged<AuditEntry>> {
  const db = await adminDb();
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
  const ids = new Set<string>();
  for (const r of rows) idsIn([r.entityId, r.before, r.after], ids);
  const book = await namesOf(ids);
  return pageOf(
    rows.map((r) => {
      const mine = new Set<string>();
      idsIn([r.entityId, r.before, r.after], mine);
      return {
        ...r,
        actorKind: auditActorKind(r),
        createdAt: r.createdAt.toISOString(),
        targetName: (r.entityId && book.get(r.entityId.toLowerCase())) ?? null,
        names: Object.fromEntries(
          [...mine].flatMap((id) => (book.has(id) ? [[id, book.get(id)!]] : [])),
        ),
      };
    }),
    Number(total?.n ?? 0),
    query,
  );
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function auditActions(): Promise<string[]> {
  const db = await adminDb();
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
