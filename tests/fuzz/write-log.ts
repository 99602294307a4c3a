import type { Sql } from 'postgres';

/*
 * Which rows a request wrote. Row counts miss updates (a refused request that flips an order's
 * status leaves every count alone), so the fuzzer installs an AFTER trigger on every table of the
 * test database that appends (table, operation, changed columns) to fuzz.write_log inside the
 * writing transaction: a rolled-back write leaves no trace, a committed one always does. Reading
 * "anything after seq N?" is one indexed query per request.
 *
 * Only ever installed in the throwaway database of a test run, and removed again afterwards.
 */

/** The tables the fuzzer must watch at the very least (the issue's list); all others are watched too. */
export const REQUIRED_TABLES = [
  'orders',
  'order_items',
  'cart_items',
  'carts',
  'users',
  'sessions',
  'license_keys',
  'library_items',
  'gifts',
  'downloads',
  'stock_adjustments',
  'audit_log',
  'products',
  'editions',
  'categories',
  'product_images',
  'idempotency_keys',
  'jobs',
  'webhook_events',
  'password_reset_tokens',
];

export type Write = { seq: number; table: string; op: string; columns: string[] };

/**
 * Writes a request may do even when it is refused, because they are not the request's effect:
 * an authenticated request touches its session's last_seen_at (at most once a minute).
 */
export function isBookkeeping(w: Write): boolean {
  return (
    w.table === 'sessions' && w.op === 'UPDATE' && w.columns.every((c) => c === 'last_seen_at')
  );
}

export async function installWriteLog(sql: Sql): Promise<string[]> {
  const tables = (
    await sql<{ name: string }[]>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
  ).map((r) => r.name);
  const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
  if (missing.length)
    throw new Error(`tables the fuzzer must watch do not exist: ${missing.join(', ')}`);
  await sql.unsafe(`
    create schema if not exists fuzz;
    create table if not exists fuzz.write_log (seq bigserial primary key, tbl text not null, op text not null, cols text[] not null default '{}');
    create or replace function fuzz.log_write() returns trigger language plpgsql as $$
    declare changed text[] := '{}';
    begin
      if TG_OP = 'UPDATE' then
        select coalesce(array_agg(n.key order by n.key), '{}') into changed
          from jsonb_each(to_jsonb(NEW)) n where n.value is distinct from (to_jsonb(OLD) -> n.key);
        if changed = '{}' then return null; end if;
      end if;
      insert into fuzz.write_log (tbl, op, cols) values (TG_TABLE_NAME, TG_OP, changed);
      return null;
    end $$;
  `);
  for (const t of tables) {
    await sql.unsafe(`drop trigger if exists fuzz_write_log on public."${t}"`);
    await sql.unsafe(
      `create trigger fuzz_write_log after insert or update or delete on public."${t}" for each row execute function fuzz.log_write()`,
    );
  }
  return tables;
}

export async function removeWriteLog(sql: Sql, tables: string[]): Promise<void> {
  for (const t of tables)
    await sql.unsafe(`drop trigger if exists fuzz_write_log on public."${t}"`);
  await sql.unsafe('drop schema if exists fuzz cascade');
}

export async function lastWrite(sql: Sql): Promise<number> {
  const [row] = await sql<
    { seq: string | null }[]
  >`select max(seq)::text as seq from fuzz.write_log`;
  return Number(row?.seq ?? 0);
}

export async function writesSince(sql: Sql, seq: number): Promise<Write[]> {
  const rows = await sql<{ seq: string; tbl: string; op: string; cols: string[] }[]>`
    select seq::text, tbl, op, cols from fuzz.write_log where seq > ${seq} order by seq`;
  return rows.map((r) => ({ seq: Number(r.seq), table: r.tbl, op: r.op, columns: r.cols }));
}

/** `orders INSERT`, `sessions UPDATE(revoked_at)` … for a report. */
export function describeWrites(writes: Write[]): string {
  const counts = new Map<string, number>();
  for (const w of writes) {
    const key = `${w.table} ${w.op}${w.op === 'UPDATE' ? `(${w.columns.join(',')})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}
