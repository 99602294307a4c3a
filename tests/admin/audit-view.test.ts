import { beforeAll, describe, expect, it } from 'vitest';
import { auditChangeRows, fieldLabel, readableValue } from '@/components/admin/audit-format';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { listAudit, updateProduct } from '@/lib/admin';
import { auditActorKind, auditQuerySchema } from '@/lib/admin/audit';
import { account, makeCategory, makeProduct, type Account } from './support';

const RACING = '0b6e1c1e-1f1a-4c1b-9d1e-1a2b3c4d5e6f';
const PUZZLE = '1c7f2d2f-2a2b-4d2c-8e2f-2b3c4d5e6f70';
const names = { [RACING]: 'Racing', [PUZZLE]: 'Puzzle' };

describe('audit entries as an admin reads them', () => {
  it('says who wrote an entry: an admin, the shop itself, or an admin deleted since', () => {
    expect(auditActorKind({ actorId: RACING, action: 'product.update' })).toBe('admin');
    expect(auditActorKind({ actorId: null, action: 'stock.low_alert' })).toBe('system');
    expect(auditActorKind({ actorId: null, action: 'product.update' })).toBe('deleted');
  });

  it('reads a change as field: before → after, with names for ids and money for cents', () => {
    expect(
      auditChangeRows(
        { categoryId: RACING, priceCents: 1999, featured: false },
        { categoryId: PUZZLE, priceCents: 949, featured: true },
        names,
      ),
    ).toEqual([
      { field: 'Category', before: 'Racing', after: 'Puzzle', same: false },
      { field: 'Price', before: '$19.99', after: '$9.49', same: false },
      { field: 'Featured', before: 'no', after: 'yes', same: false },
    ]);
  });

  it('shows only the specs that moved, keeps context fields, and reads dates, lists and unknown ids', () => {
    const rows = auditChangeRows(
      {
        specs: { Modes: 'Single-player', Storage: '40 GB', 'Age rating': 'Teen' },
        edition: 'Boxed',
        stock: 5,
        archivedAt: null,
      },
      {
        specs: { Modes: 'Online co-op', Storage: '40 GB' },
        edition: 'Boxed',
        stock: 7,
        archivedAt: '2026-11-29T10:00:00.000Z',
        platforms: ['PC', 'Switch'],
        imageId: '2d8a3e3a-3b3c-4e3d-9f3a-3c4d5e6f7081',
      },
      names,
    );
    expect(rows).toEqual([
      { field: 'Specs › Modes', before: 'Single-player', after: 'Online co-op', same: false },
      { field: 'Specs › Age rating', before: 'Teen', after: null, same: false },
      { field: 'Edition', before: 'Boxed', after: 'Boxed', same: true },
      { field: 'Stock', before: '5', after: '7', same: false },
      { field: 'Archived', before: '—', after: '29 Nov 2026, 10:00 UTC', same: false },
      { field: 'Platforms', before: null, after: 'PC, Switch', same: false },
      { field: 'Image', before: null, after: '2d8a3e3a', same: false },
    ]);
  });

  it('reads a reorder, a creation and a removal without raw JSON', () => {
    expect(auditChangeRows({ ids: [RACING, PUZZLE] }, { ids: [PUZZLE, RACING] }, names)).toEqual([
      { field: 'Order', before: 'Racing, Puzzle', after: 'Puzzle, Racing', same: false },
    ]);
    expect(
      auditChangeRows(
        null,
        { id: RACING, title: 'Star Fox', updatedAt: '2026-11-29T10:00:00.000Z' },
        names,
      ),
    ).toEqual([{ field: 'Title', before: null, after: 'Star Fox', same: false }]);
    expect(auditChangeRows({ url: '/media/a.png' }, null, names)).toEqual([
      { field: 'URL', before: '/media/a.png', after: null, same: false },
    ]);
    expect(auditChangeRows(null, null, names)).toEqual([]);
  });

  it('labels fields in words and keeps long values short', () => {
    expect(fieldLabel('stockAtOrder')).toBe('Stock at order');
    expect(fieldLabel('paymentsRefunded')).toBe('Payments refunded');
    expect(readableValue('x'.repeat(400), { names: {}, currency: 'USD' })).toHaveLength(160);
    expect(readableValue([{ unit: RACING, delta: 2 }], { names, currency: 'USD' })).toBe(
      'Unit: Racing, Delta: 2',
    );
  });
});

describe('the audit log listing', () => {
  let admin: Account;
  beforeAll(async () => {
    admin = await account('admin');
  });

  it('names the target and the categories of an edit, and marks the shop’s own entries as System', async () => {
    const from = await makeCategory();
    const to = await makeCategory();
    const game = await makeProduct(from.id);
    await updateProduct({ id: admin.id, email: admin.email, ip: null }, game.id, {
      categoryId: to.id,
    });
    const db = await getDb();
    await db.insert(auditLog).values({
      action: 'stock.low_alert',
      entity: 'product',
      entityId: game.id,
      after: { jobId: '1', stockNow: 1 },
    });

    const page = await listAudit(auditQuerySchema.parse({ entityId: game.id }));
    const [alert, edit] = page.items;
    expect(alert).toMatchObject({ actorKind: 'system', targetName: game.title });
    expect(edit).toMatchObject({
      actorKind: 'admin',
      actorEmail: admin.email,
      targetName: game.title,
    });
    expect(edit!.names).toEqual({ [game.id]: game.title, [from.id]: from.name, [to.id]: to.name });
    expect(auditChangeRows(edit!.before, edit!.after, edit!.names)).toEqual([
      { field: 'Category', before: from.name, after: to.name, same: false },
    ]);
  });
});
