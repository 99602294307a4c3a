import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { libraryItems, licenseKeys } from '@/db/schema';
import { assignKeys } from '@/lib/vault';
import {
  itemOf,
  keysOf,
  licenceKeys,
  makeEdition,
  makeOrder,
  makeOrders,
  makeUser,
  makeUsers,
  stockKeys,
  stockOf,
} from './fixtures';

describe('assigning keys at payment', () => {
  it('gives 100 keys to exactly 100 of 200 orders paid at once, never one key twice', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(100));
    const buyers = await makeUsers(200);
    const paid = await makeOrders(
      buyers.map((b) => b.id),
      edition,
    );
    const db = await getDb();
    const results = await Promise.all(
      paid.map((o) =>
        db.transaction((tx) =>
          assignKeys(tx, [{ libraryItemId: o.itemIds[0]!, editionId: edition.id }], o.orderId),
        ),
      ),
    );
    const served = results.flatMap((m) => [...m.values()]);
    expect(served).toHaveLength(100);
    expect(new Set(served).size).toBe(100);

    const keys = await keysOf(edition.id);
    expect(keys.filter((k) => k.status === 'assigned')).toHaveLength(100);
    expect(new Set(keys.map((k) => k.orderId)).size).toBe(100);
    const items = await db
      .select()
      .from(libraryItems)
      .where(
        inArray(
          libraryItems.orderId,
          paid.map((o) => o.orderId),
        ),
      );
    const linked = items.filter((i) => i.licenseKeyId);
    expect(linked).toHaveLength(100);
    expect(new Set(linked.map((i) => i.licenseKeyId)).size).toBe(100);
    // Each linked key belongs to the order of the item it is linked to.
    const orderOfKey = new Map(keys.map((k) => [k.id, k.orderId]));
    for (const item of linked) expect(orderOfKey.get(item.licenseKeyId!)).toBe(item.orderId);
    // The units left the shelf when the orders were placed, not now.
    expect(await stockOf(edition.id)).toBe(100);
  });

  it('leaves lines it cannot serve owed, for the next import', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(1));
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
    expect(served.size).toBe(1);
    const waiting = order.itemIds.filter((id) => !served.has(id));
    expect(waiting).toHaveLength(2);
    for (const id of waiting) expect((await itemOf(id)).licenseKeyId).toBeNull();
    const report = await stockKeys(edition, licenceKeys(2));
    expect(report.servedOwed).toBe(2);
    for (const id of waiting) expect((await itemOf(id)).licenseKeyId).not.toBeNull();
  });

  it('takes nothing more when the same payment is processed twice', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(3));
    const buyer = await makeUser();
    const order = await makeOrder(buyer.id, edition, 1);
    const line = [{ libraryItemId: order.itemIds[0]!, editionId: edition.id }];
    const db = await getDb();
    const first = await db.transaction((tx) => assignKeys(tx, line, order.orderId));
    const second = await db.transaction((tx) => assignKeys(tx, line, order.orderId));
    expect(first.size).toBe(1);
    expect(second.size).toBe(0);
    const assigned = await db
      .select()
      .from(licenseKeys)
      .where(eq(licenseKeys.orderId, order.orderId));
    expect(assigned).toHaveLength(1);
  });

  it('takes back nothing when the payment transaction rolls back', async () => {
    const edition = await makeEdition();
    await stockKeys(edition, licenceKeys(1));
    const buyer = await makeUser();
    const order = await makeOrder(buyer.id, edition, 1);
    const db = await getDb();
    await db
      .transaction(async (tx) => {
        await assignKeys(
          tx,
          [{ libraryItemId: order.itemIds[0]!, editionId: edition.id }],
          order.orderId,
        );
        throw new Error('the payment failed after all');
      })
      .catch(() => undefined);
    expect((await keysOf(edition.id)).map((k) => k.status)).toEqual(['available']);
    expect((await itemOf(order.itemIds[0]!)).licenseKeyId).toBeNull();
  });
});
