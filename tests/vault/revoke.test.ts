import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { stockAdjustments } from '@/db/schema';
import { assignKeys, revealKey, revokeOrderKeys } from '@/lib/vault';
import {
  itemOf,
  keysOf,
  licenceKeys,
  makeEdition,
  makeOrder,
  makeUser,
  stockKeys,
  stockOf,
} from './fixtures';

describe('revoking an order’s keys', () => {
  it('returns unrevealed keys to sale and revokes revealed ones', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(5));
    const buyer = await makeUser();
    const order = await makeOrder(buyer.id, edition, 3);
    const db = await getDb();
    const served = await db.transaction((tx) =>
      assignKeys(
        tx,
        order.itemIds.map((libraryItemId) => ({ libraryItemId, editionId: edition.id })),
        order.orderId,
      ),
    );
    expect(served.size).toBe(3);
    // Placing the order took 3 units off the shelf; this test inserted the order directly.
    await db.execute(sql`update editions set stock = stock - 3 where id = ${edition.id}`);
    expect(await stockOf(edition.id)).toBe(2);
    const seen = order.itemIds[0]!;
    await revealKey({
      userId: buyer.id,
      libraryItemId: seen,
      ip: '203.0.113.5',
      userAgent: 'vitest',
    });

    const moves = await db.transaction((tx) => revokeOrderKeys(tx, order.orderId));
    expect(moves).toEqual([{ unit: edition.id, delta: 2, stockAfter: 4 }]);
    expect(await stockOf(edition.id)).toBe(4);

    const keys = await keysOf(edition.id);
    const revealed = keys.find((k) => k.id === served.get(seen));
    expect(revealed).toMatchObject({ status: 'revoked', orderId: order.orderId });
    expect(revealed!.revokedAt).toBeInstanceOf(Date);
    expect(keys.filter((k) => k.status === 'available')).toHaveLength(4);
    for (const k of keys.filter((k) => k.status === 'available')) {
      expect(k.orderId).toBeNull();
      expect(k.assignedAt).toBeNull();
    }
    expect((await itemOf(seen)).licenseKeyId).toBe(served.get(seen));
    for (const id of order.itemIds.slice(1)) expect((await itemOf(id)).licenseKeyId).toBeNull();

    const history = await db
      .select()
      .from(stockAdjustments)
      .where(eq(stockAdjustments.editionId, edition.id));
    expect(history.map((h) => [h.reason, h.delta])).toContainEqual(['keys_returned', 2]);

    // A second refund run finds nothing left to return.
    expect(await db.transaction((tx) => revokeOrderKeys(tx, order.orderId))).toEqual([]);
    expect(await stockOf(edition.id)).toBe(4);
  });

  it('sells a returned key again to the next buyer', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(1));
    const [first, second] = [await makeUser(), await makeUser()];
    const db = await getDb();
    const a = await makeOrder(first.id, edition, 1);
    const key = await db.transaction((tx) =>
      assignKeys(tx, [{ libraryItemId: a.itemIds[0]!, editionId: edition.id }], a.orderId),
    );
    await db.transaction((tx) => revokeOrderKeys(tx, a.orderId));
    const b = await makeOrder(second.id, edition, 1);
    const again = await db.transaction((tx) =>
      assignKeys(tx, [{ libraryItemId: b.itemIds[0]!, editionId: edition.id }], b.orderId),
    );
    expect(again.get(b.itemIds[0]!)).toBe(key.get(a.itemIds[0]!));
  });
});
