import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeWrites,
  installWriteLog,
  isBookkeeping,
  lastWrite,
  removeWriteLog,
  writesSince,
} from './write-log';

/** The fuzzer's "no write for a refused request" is only as good as this detector. */
describe('the fuzzer’s write log', () => {
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  let tables: string[] = [];

  beforeAll(async () => {
    tables = await installWriteLog(sql);
  });

  afterAll(async () => {
    await removeWriteLog(sql, tables);
    await sql.end();
  });

  it('sees a committed update that leaves every row count alone, naming the changed column', async () => {
    const from = await lastWrite(sql);
    await sql`update categories set name = name || ' ' where slug = (select slug from categories order by slug limit 1)`;
    await sql`update categories set name = rtrim(name) where slug = (select slug from categories order by slug limit 1)`;
    const writes = await writesSince(sql, from);
    expect(describeWrites(writes)).toBe('categories UPDATE(name) ×2');
  });

  it('ignores rolled-back writes and updates that change nothing', async () => {
    const from = await lastWrite(sql);
    await sql
      .begin(async (tx) => {
        await tx`delete from cart_items`;
        await tx`insert into categories (slug, name) values ('fuzz-rollback', 'Rolled back')`;
        throw new Error('roll back');
      })
      .catch(() => {});
    await sql`update categories set name = name where slug = (select slug from categories order by slug limit 1)`;
    expect(await writesSince(sql, from)).toEqual([]);
  });

  it('treats a session’s last-seen touch as bookkeeping, and its revocation as a write', () => {
    expect(
      isBookkeeping({ seq: 1, table: 'sessions', op: 'UPDATE', columns: ['last_seen_at'] }),
    ).toBe(true);
    expect(
      isBookkeeping({
        seq: 2,
        table: 'sessions',
        op: 'UPDATE',
        columns: ['last_seen_at', 'revoked_at'],
      }),
    ).toBe(false);
    expect(isBookkeeping({ seq: 3, table: 'sessions', op: 'INSERT', columns: [] })).toBe(false);
  });
});
