import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { keyReveals, libraryItems } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { assignKeys, revealKey } from '@/lib/vault';
import { keysOf, licenceKeys, makeEdition, makeOrder, makeUser, stockKeys } from './fixtures';

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a domain error, got ${String(err)}`);
  return err;
}

/** A buyer with a paid order for one unit whose key was assigned at payment. */
async function ownedKey() {
  const edition = await makeEdition();
  const [key] = licenceKeys(1);
  await stockKeys(edition, [key!]);
  const buyer = await makeUser();
  const order = await makeOrder(buyer.id, edition, 1);
  const itemId = order.itemIds[0]!;
  const db = await getDb();
  await db.transaction((tx) =>
    assignKeys(tx, [{ libraryItemId: itemId, editionId: edition.id }], order.orderId),
  );
  return { edition, key: key!, buyer, itemId };
}

describe('revealing a key', () => {
  it('shows the owner their key, marks it revealed once and logs every reveal', async () => {
    const { edition, key, buyer, itemId } = await ownedKey();
    const first = await revealKey({
      userId: buyer.id,
      libraryItemId: itemId,
      ip: '203.0.113.7',
      userAgent: 'Firefox',
    });
    expect(first).toEqual({
      key,
      revealedAt: expect.any(Date),
      platform: 'PC',
      editionName: edition.name,
    });
    const again = await revealKey({
      userId: buyer.id,
      libraryItemId: itemId,
      ip: '198.51.100.2',
      userAgent: 'curl',
    });
    expect(again.key).toBe(key);
    expect(again.revealedAt.getTime()).toBe(first.revealedAt.getTime());

    const [stored] = await keysOf(edition.id);
    expect(stored).toMatchObject({ status: 'revealed' });
    const db = await getDb();
    const log = await db
      .select()
      .from(keyReveals)
      .where(eq(keyReveals.licenseKeyId, stored!.id))
      .orderBy(keyReveals.id);
    expect(log.map((r) => [r.userId, r.ip, r.userAgent])).toEqual([
      [buyer.id, '203.0.113.7', 'Firefox'],
      [buyer.id, '198.51.100.2', 'curl'],
    ]);
  });

  it('answers another user exactly as for a missing item, and logs nothing', async () => {
    const { edition, itemId } = await ownedKey();
    const stranger = await makeUser();
    const theirs = await failureOf(
      revealKey({ userId: stranger.id, libraryItemId: itemId, ip: null, userAgent: null }),
    );
    const missing = await failureOf(
      revealKey({
        userId: stranger.id,
        libraryItemId: '00000000-0000-4000-8000-000000000000',
        ip: null,
        userAgent: null,
      }),
    );
    expect(theirs.status).toBe(404);
    expect(theirs.message).toBe(missing.message);
    expect(
      (
        await failureOf(
          revealKey({ userId: stranger.id, libraryItemId: 'nope', ip: null, userAgent: null }),
        )
      ).status,
    ).toBe(404);
    const [stored] = await keysOf(edition.id);
    expect(stored!.status).toBe('assigned');
    const db = await getDb();
    expect(await db.$count(keyReveals, eq(keyReveals.licenseKeyId, stored!.id))).toBe(0);
  });

  it('tells a buyer whose key is still owed that it is on its way', async () => {
    const edition = await makeEdition();
    const buyer = await makeUser();
    const order = await makeOrder(buyer.id, edition, 1);
    const err = await failureOf(
      revealKey({ userId: buyer.id, libraryItemId: order.itemIds[0]!, ip: null, userAgent: null }),
    );
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/on its way/);
  });

  it('refuses a revoked library item', async () => {
    const { buyer, itemId } = await ownedKey();
    const db = await getDb();
    await db
      .update(libraryItems)
      .set({ revokedAt: sql`now()` })
      .where(eq(libraryItems.id, itemId));
    expect(
      (
        await failureOf(
          revealKey({ userId: buyer.id, libraryItemId: itemId, ip: null, userAgent: null }),
        )
      ).status,
    ).toBe(404);
  });

  it('limits how often one user reveals keys', async () => {
    const { buyer, itemId } = await ownedKey();
    const reveal = () =>
      revealKey({ userId: buyer.id, libraryItemId: itemId, ip: null, userAgent: null });
    // 30 reveals a window of 10 minutes: 61 attempts overflow one window even if they straddle two.
    const outcomes: (number | 'ok')[] = [];
    for (let i = 0; i < 61; i++)
      outcomes.push(
        await reveal().then(
          () => 'ok' as const,
          (e: DomainError) => e.status,
        ),
      );
    expect(outcomes.slice(0, 30).every((o) => o === 'ok')).toBe(true);
    expect(outcomes).toContain(429);
  });
});
