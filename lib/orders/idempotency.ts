import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { ConflictError, DomainError } from '@/lib/errors';

/** Key order must not matter: `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

export type Claim<T> = { fresh: true } | { fresh: false; status: number; body: T };

/**
 * Claims (user, scope, key) inside the caller's transaction. A concurrent request with the same
 * key waits on the unique index until the first commits, then replays its stored response; if
 * the first rolled back, the claim is free again and this request runs.
 */
export async function claimKey<T>(
  tx: Tx,
  userId: string,
  scope: string,
  key: string,
  hash: string,
): Promise<Claim<T>> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ userId, scope, key, requestHash: hash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return { fresh: true };
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.scope, scope),
        eq(idempotencyKeys.key, key),
      ),
    );
  if (!row)
    throw new ConflictError(
      'A request with this Idempotency-Key is still in progress. Retry shortly.',
    );
  if (row.requestHash !== hash) {
    throw new DomainError(
      'validation',
      422,
      'This Idempotency-Key was already used for a different request.',
    );
  }
  if (row.responseStatus === null)
    throw new ConflictError(
      'A request with this Idempotency-Key is still in progress. Retry shortly.',
    );
  return { fresh: false, status: row.responseStatus, body: row.responseBody as T };
}

export async function storeResponse(
  tx: Tx,
  userId: string,
  scope: string,
  key: string,
  status: number,
  body: unknown,
) {
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: status, responseBody: body })
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.scope, scope),
        eq(idempotencyKeys.key, key),
      ),
    );
}
