import { z } from 'zod';

/** Page and size from a query string or form; sizes are capped so a listing stays cheap. */
export const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const dateOnly = z.iso.date('Use a date like 2026-01-31.');

export type Paged<T> = {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
};

export function pageOf<T>(
  items: T[],
  total: number,
  query: { page: number; pageSize: number },
): Paged<T> {
  return {
    items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

/** An empty form field or query value means "not given", not "an invalid empty string". */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A listing's filters from a page's search params. A hand-edited URL with a bad value does not
 * break the page: the offending filters are dropped and the rest still apply.
 */
export function filtersFrom<S extends z.ZodType>(schema: S, params: SearchParams): z.infer<S> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined) raw[k] = value;
  }
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete raw[String(issue.path[0])];
  const second = schema.safeParse(raw);
  return second.success ? second.data : schema.parse({});
}

/** The listing's URL with some filters changed; empty values are left out. */
export function listingHref(
  path: string,
  filters: Record<string, unknown>,
  changes: Record<string, unknown> = {},
): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, ...changes })) {
    if (v === undefined || v === null || v === '' || (k === 'page' && v === 1) || k === 'pageSize')
      continue;
    qs.set(k, String(v));
  }
  const text = qs.toString();
  return text ? `${path}?${text}` : path;
}
