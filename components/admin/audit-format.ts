import { formatAmount, formatDateTime } from './format';

/** One line of an audit entry: a field, what it was and what it became (null: not there). */
export type AuditChangeRow = {
  field: string;
  before: string | null;
  after: string | null;
  /** Present on both sides with the same value: context (which edition), not a change. */
  same: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 160;
const HIDDEN = new Set(['id', 'updatedAt', 'createdAt']);

/** Fields whose name says less than a word would; ids are named by what they point at. */
const LABELS: Record<string, string> = {
  id: 'Id',
  ids: 'Order',
  categoryId: 'Category',
  editionId: 'Edition',
  productId: 'Product',
  imageId: 'Image',
  paymentId: 'Payment',
  noteId: 'Note',
  jobId: 'Job',
  priceCents: 'Price',
  amountCents: 'Amount',
  releaseDate: 'Release date',
  archivedAt: 'Archived',
  sku: 'SKU',
  url: 'URL',
  sha256: 'SHA-256',
  sizeBytes: 'Size (bytes)',
};

/** "stockAtOrder" → "Stock at order"; "specs.Age rating" keeps the spec's own name. */
export function fieldLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Context = { names: Record<string, string>; currency: string };

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** A stored value as an admin reads it: names for ids, money for cents, dates in UTC. */
export function readableValue(value: unknown, ctx: Context, key = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    return key.endsWith('Cents')
      ? formatAmount(value, ctx.currency)
      : value.toLocaleString('en-US');
  }
  if (typeof value === 'string') {
    if (UUID.test(value)) return ctx.names[value.toLowerCase()] ?? value.slice(0, 8);
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    return clip(value);
  }
  if (Array.isArray(value)) {
    return clip(value.map((v) => readableValue(v, ctx)).join(', ') || '—');
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${fieldLabel(k)}: ${readableValue(v, ctx, k)}`,
    );
    return clip(parts.join(', ') || '—');
  }
  return clip(String(value));
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The currency an entry's amounts are in, when it says; dollars otherwise (the shop's own). */
function currencyOf(...sides: unknown[]): string {
  for (const side of sides) {
    if (isRecord(side) && typeof side.currency === 'string') return side.currency;
  }
  return 'USD';
}

function rowsOf(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  ctx: Context,
  prefix: string,
): AuditChangeRow[] {
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])].filter(
    // The entry names its target and time already.
    (key) => prefix || !HIDDEN.has(key),
  );
  const rows: AuditChangeRow[] = [];
  for (const key of keys) {
    const b = before && key in before ? before[key] : undefined;
    const a = after && key in after ? after[key] : undefined;
    // A nested record that changed (a game's specs) shows only the keys that moved.
    if (before && after && isRecord(b) && isRecord(a) && !same(a, b)) {
      rows.push(...rowsOf(b, a, ctx, `${prefix}${fieldLabel(key)} › `).filter((r) => !r.same));
      continue;
    }
    rows.push({
      field: `${prefix}${prefix ? key : fieldLabel(key)}`,
      before: before && key in before ? readableValue(b, ctx, key) : null,
      after: after && key in after ? readableValue(a, ctx, key) : null,
      same: Boolean(before && after && key in before && key in after && same(a, b)),
    });
  }
  return rows;
}

/**
 * An audit entry's before and after as lines an admin can read: "Price: $19.99 → $9.49",
 * "Category: Racing → Puzzle", "Specs › Modes: Single-player → Online co-op". Snapshots that are
 * not records (rare) read as one "Value" line.
 */
export function auditChangeRows(
  before: unknown,
  after: unknown,
  names: Record<string, string>,
): AuditChangeRow[] {
  const ctx = { names, currency: currencyOf(after, before) };
  const asRecord = (v: unknown) =>
    v === null || v === undefined ? null : isRecord(v) ? v : { value: v };
  return rowsOf(asRecord(before), asRecord(after), ctx, '');
}
