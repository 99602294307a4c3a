import { compare, hash } from 'bcryptjs';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '@/db/client';
import type { UpsertCount } from './upsert';

type Role = 'customer' | 'admin';

/** The documented demo accounts; their passwords are in the README. */
export const ACCOUNTS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: 'admin@arcade.test', name: 'Arcade Admin', role: 'admin', password: 'arcade-admin-1' },
  {
    email: 'shopper@arcade.test',
    name: 'Sam Shopper',
    role: 'customer',
    password: 'arcade-shopper-1',
  },
];

export type PreparedAccount = {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  exists: boolean;
};

/**
 * Hashes outside the seeding transaction, so no lock waits on bcrypt. A stored hash that still
 * matches the documented password is kept, so a second run leaves the row as it was.
 */
export async function prepareAccounts(db: DbOrTx, bcryptCost: number): Promise<PreparedAccount[]> {
  const emails = ACCOUNTS.map((a) => a.email);
  const rows = rowsOf<{ email: string; password_hash: string }>(
    await db.execute(
      sql`select lower(email) as email, password_hash from users where lower(email) in (${sql.join(emails, sql`, `)})`,
    ),
  );
  const stored = new Map(rows.map((r) => [r.email, r.password_hash]));
  return Promise.all(
    ACCOUNTS.map(async ({ email, name, role, password }) => {
      const current = stored.get(email);
      const passwordHash =
        current !== undefined && (await compare(password, current))
          ? current
          : await hash(password, bcryptCost);
      return { email, name, role, passwordHash, exists: current !== undefined };
    }),
  );
}

/** Restores the demo accounts: name, role, active status and the documented password. */
export async function upsertAccounts(
  tx: DbOrTx,
  accounts: PreparedAccount[],
): Promise<UpsertCount> {
  const values = accounts.map(
    (a) =>
      sql`(${a.email}, ${a.name}, ${a.passwordHash}, ${a.role}::user_role, 'active'::user_status)`,
  );
  const changed = rowsOf<{ email: string }>(
    await tx.execute(sql`
      insert into users (email, name, password_hash, role, status)
      values ${sql.join(values, sql`, `)}
      on conflict (lower(email)) do update set
        name = excluded.name,
        password_hash = excluded.password_hash,
        role = excluded.role,
        status = excluded.status,
        updated_at = now()
      where (users.name, users.password_hash, users.role, users.status)
        is distinct from (excluded.name, excluded.password_hash, excluded.role, excluded.status)
      returning email`),
  );
  const created = accounts.filter((a) => !a.exists).length;
  return { total: accounts.length, created, updated: changed.length - created };
}
