import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, rowsOf } from '@/db/client';
import { auditLog, keyReveals, libraryItems, licenseKeys, stockAdjustments } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { importKeys, keyInventory, LOW_KEYS_THRESHOLD, lowKeyEditions } from '@/lib/vault';
import { decryptKey } from '@/lib/vault/crypto';
import {
  actorOf,
  itemOf,
  keysOf,
  licenceKeys,
  makeEdition,
  makeOrder,
  makeUser,
  stockKeys,
  stockOf,
} from './fixtures';

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a domain error, got ${String(err)}`);
  return err;
}

describe('importing keys', () => {
  it('reports new, duplicate and malformed lines, and puts the new keys on sale', async () => {
    const edition = await makeEdition();
    const [a, b, c] = licenceKeys(3);
    const body = [a, '', b, 'nope', a!.toLowerCase(), c, 'has space 123'].join('\n');
    const actor = await actorOf();
    const report = await importKeys({
      editionId: edition.id,
      body,
      contentType: 'text/plain',
      actor,
    });
    expect(report).toEqual({
      imported: 3,
      servedOwed: 0,
      duplicates: [{ line: 5 }],
      malformed: [
        { line: 4, reason: expect.stringMatching(/at least 5/) },
        { line: 7, reason: expect.stringMatching(/letters, digits/) },
      ],
      available: 3,
    });
    expect(await stockOf(edition.id)).toBe(3);
    const keys = await keysOf(edition.id);
    expect(keys.map((k) => decryptKey(k)).sort()).toEqual([a, b, c].sort());
    expect(keys.every((k) => k.status === 'available' && k.importedBy === actor.id)).toBe(true);

    const db = await getDb();
    const [adjustment] = await db
      .select()
      .from(stockAdjustments)
      .where(eq(stockAdjustments.editionId, edition.id));
    expect(adjustment).toMatchObject({ delta: 3, reason: 'keys_imported', actorId: actor.id });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'edition.keys_import'), eq(auditLog.entityId, edition.id)));
    expect(entry).toMatchObject({ actorId: actor.id, ip: actor.ip });
    expect(entry!.after).toMatchObject({
      productId: edition.productId,
      imported: 3,
      duplicates: 1,
      malformed: 2,
      stock: 3,
    });
    expect(JSON.stringify(entry)).not.toContain(a!);
  });

  it('writes nothing twice when the same file is imported again', async () => {
    const edition = await makeEdition();
    const keys = licenceKeys(5);
    await stockKeys(edition, keys);
    const again = await stockKeys(edition, [...keys, ...licenceKeys(1)]);
    expect(again.imported).toBe(1);
    expect(again.duplicates).toEqual([1, 2, 3, 4, 5].map((line) => ({ line })));
    expect(again.available).toBe(6);
    expect(await keysOf(edition.id)).toHaveLength(6);
    expect(await stockOf(edition.id)).toBe(6);
  });

  it('recognises a key already sold for another edition as a duplicate', async () => {
    const [first, second] = [await makeEdition(), await makeEdition()];
    const [key] = licenceKeys(1);
    await stockKeys(first, [key!]);
    const report = await stockKeys(second, [key!]);
    expect(report).toMatchObject({ imported: 0, duplicates: [{ line: 1 }], available: 0 });
    expect(await stockOf(second.id)).toBe(0);
  });

  it('writes each key once when the same file is imported by several admins at the same time', async () => {
    const edition = await makeEdition();
    const keys = licenceKeys(300);
    const shuffled = [...keys].reverse();
    const reports = await Promise.all(
      [keys, shuffled, keys, shuffled].map((batch) => stockKeys(edition, batch)),
    );
    expect(reports.reduce((n, r) => n + r.imported, 0)).toBe(300);
    for (const r of reports) expect(r.imported + r.duplicates.length).toBe(300);
    expect(await keysOf(edition.id)).toHaveLength(300);
    expect(await stockOf(edition.id)).toBe(300);
  });

  it('hands new keys to buyers who paid while the vault was empty, before selling the rest', async () => {
    const edition = await makeEdition();
    const buyer = await makeUser();
    const owed = await makeOrder(buyer.id, edition, 2, 'paid');
    const refunding = await makeOrder(buyer.id, edition, 1, 'refund_requested');
    const report = await stockKeys(edition, licenceKeys(5));
    expect(report).toMatchObject({ imported: 5, servedOwed: 2, available: 3 });
    expect(await stockOf(edition.id)).toBe(3);
    for (const itemId of owed.itemIds) {
      const item = await itemOf(itemId);
      expect(item.licenseKeyId).not.toBeNull();
      const [key] = (await keysOf(edition.id)).filter((k) => k.id === item.licenseKeyId);
      expect(key).toMatchObject({ status: 'assigned', orderId: owed.orderId });
    }
    expect((await itemOf(refunding.itemIds[0]!)).licenseKeyId).toBeNull();
    expect(await keyInventory(edition.id)).toEqual({
      available: 3,
      assigned: 2,
      revealed: 0,
      revoked: 0,
      owed: 0,
      lowKeys: true,
    });
  });

  it('answers 404 for an unknown edition, 409 for one not sold by key, 415 and 413 for bad bodies', async () => {
    const actor = await actorOf();
    const body = licenceKeys(1).join('\n');
    const download = await makeEdition({ delivery: 'download' });
    const key = await makeEdition();
    const run = (editionId: string, contentType = 'text/plain', text = body) =>
      failureOf(importKeys({ editionId, body: text, contentType, actor }));
    expect((await run('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await run('not-an-id')).status).toBe(404);
    const conflict = await run(download.id);
    expect(conflict.status).toBe(409);
    expect(conflict.message).toMatch(/not by licence key/);
    expect((await run(key.id, 'application/json')).status).toBe(415);
    expect((await run(key.id, 'text/plain', 'A'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await run(key.id, 'text/plain', '\n\n')).status).toBe(400);
  });

  it('lists key editions owing keys or running low for the dashboard, owing ones first', async () => {
    const owing = await makeEdition();
    const buyer = await makeUser();
    await makeOrder(buyer.id, owing, 1);
    const plenty = await makeEdition();
    await stockKeys(plenty, licenceKeys(12));
    const list = await lowKeyEditions(100);
    expect(list.find((e) => e.editionId === owing.id)).toMatchObject({
      available: 0,
      owed: 1,
      sku: owing.sku,
    });
    expect(list.map((e) => e.editionId)).not.toContain(plenty.id);
    expect(list.every((e) => e.available < LOW_KEYS_THRESHOLD || e.owed > 0)).toBe(true);
    const owed = list.map((e) => e.owed);
    expect(owed).toEqual([...owed].sort((a, b) => b - a));
  });
});

describe('what the database holds', () => {
  it('never contains a key in the clear, in any table the vault writes', async () => {
    const edition = await makeEdition();
    const buyer = await makeUser();
    const order = await makeOrder(buyer.id, edition, 1);
    const keys = licenceKeys(20);
    await stockKeys(edition, keys);
    const { revealKey } = await import('@/lib/vault');
    await revealKey({
      userId: buyer.id,
      libraryItemId: order.itemIds[0]!,
      ip: '203.0.113.9',
      userAgent: 'vitest',
    });
    expect(await getDb().then((db) => db.$count(keyReveals, eq(keyReveals.userId, buyer.id)))).toBe(
      1,
    );

    const db = await getDb();
    // What pg_dump would write for these tables: every column of every row, as text.
    const tables = [
      'license_keys',
      'key_reveals',
      'library_items',
      'editions',
      'stock_adjustments',
      'audit_log',
    ];
    const dump = (
      await Promise.all(
        tables.map(async (table) =>
          rowsOf<{ row: string }>(
            await db.execute(sql`select t::text as row from ${sql.identifier(table)} t`),
          )
            .map((r) => r.row)
            .join('\n'),
        ),
      )
    ).join('\n');
    expect(dump.length).toBeGreaterThan(1000);
    const normalised = dump.toUpperCase().replace(/[\s-]/g, '');
    for (const key of keys) {
      expect(dump).not.toContain(key);
      expect(normalised).not.toContain(key.replace(/-/g, ''));
    }
    const linked = await db
      .select()
      .from(libraryItems)
      .where(eq(libraryItems.orderId, order.orderId));
    expect(linked[0]!.licenseKeyId).not.toBeNull();
    const stored = await db.select().from(licenseKeys).where(eq(licenseKeys.editionId, edition.id));
    expect(stored.map((k) => decryptKey(k)).sort()).toEqual([...keys].sort());
  });
});
