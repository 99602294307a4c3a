import type { ReactNode } from 'react';
import { DataTable, Th } from './data-table';

/** Numeric columns sit right so their digits line up. */
export type Column = string | { label: string; numeric: true };

export function AdminTable<T>({
  caption,
  columns,
  rows,
  empty,
  bodyClassName,
  footer,
  children,
}: {
  caption: string;
  columns: readonly Column[];
  rows: readonly T[];
  /** Shown instead of the table when there are no rows; without it an empty table still shows. */
  empty?: string;
  bodyClassName?: string;
  footer?: ReactNode;
  children: (row: T, index: number) => ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined)
    return <p className="text-muted-foreground">{empty}</p>;
  return (
    <DataTable caption={caption}>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <Th key={c}>{c}</Th>
            ) : (
              <Th key={c.label} className="text-right">
                {c.label}
              </Th>
            ),
          )}
        </tr>
      </thead>
      <tbody className={bodyClassName}>{rows.map(children)}</tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </DataTable>
  );
}
