import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { isUniqueViolation, primaryDb } from './db';
import type { Role, UserStatus } from './types';

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  passwordHash: string;
};

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
  passwordHash: users.passwordHash,
};

/** Looks an email up the way the unique index sees it (lower-cased). */
export async function findUserByEmail(email: string): Promise<UserRecord | null> {
  const db = await primaryDb();
  const [row] = await db
    .select(columns)
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row ?? null;
}

export async function findUserById(id: string, db?: DbOrTx): Promise<UserRecord | null> {
  const conn = db ?? (await primaryDb());
  const [row] = await conn.select(columns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

/** Inserts an account; null when the email is taken (including by a concurrent registration). */
export async function insertUser(input: {
  email: string;
  name: string;
  passwordHash: string;
}): Promise<UserRecord | null> {
  const db = await primaryDb();
  try {
    const [row] = await db.insert(users).values(input).returning(columns);
    return row ?? null;
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

export async function setPasswordHash(
  db: DbOrTx,
  userId: string,
  passwordHash: string,
): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** Swaps a hash only if it is still the one we read: a password changed meanwhile stays changed. */
export async function upgradePasswordHash(
  userId: string,
  oldHash: string,
  newHash: string,
): Promise<void> {
  const db = await primaryDb();
  await db
    .update(users)
    .set({ passwordHash: newHash })
    .where(and(eq(users.id, userId), eq(users.passwordHash, oldHash)));
}

export async function setName(userId: string, name: string): Promise<void> {
  const db = await primaryDb();
  await db.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId));
}

export async function setStatus(userId: string, status: UserStatus): Promise<boolean> {
  const db = await primaryDb();
  const rows = await db
    .update(users)
    .set({ status, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length > 0;
}
