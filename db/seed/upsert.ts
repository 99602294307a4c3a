import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** What one run did to a table: rows it seeds, of which new, of which changed back. */
export type UpsertCount = { total: number; created: number; updated: number };

/** The value an ON CONFLICT clause proposed for a column. */
export function excluded(column: AnyPgColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}

export function fromExcluded(columns: Record<string, AnyPgColumn>): Record<string, SQL> {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, excluded(column)]),
  );
}

/**
 * Limits an upsert to rows whose seeded values differ, so a repeated seed writes nothing and
 * `updated_at` keeps meaning "last changed".
 */
export function differsFromExcluded(columns: Record<string, AnyPgColumn>): SQL {
  const list = Object.values(columns);
  return sql`(${sql.join(list, sql`, `)}) is distinct from (${sql.join(list.map(excluded), sql`, `)})`;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
