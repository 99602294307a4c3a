import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GET as listEditionsRoute,
  POST as addEditionRoute,
} from '@/app/api/v1/admin/products/[id]/editions/route';
import { PATCH as patchEditionRoute } from '@/app/api/v1/admin/editions/[id]/route';
import { POST as stockRoute } from '@/app/api/v1/admin/products/[id]/stock/route';
import { GET as productRoute } from '@/app/api/v1/products/[slug]/route';
import { getDb } from '@/db/client';
import { editions, products, stockAdjustments } from '@/db/schema';
import { account, bodyOf, ctx, request, type Account } from '../admin/support';
import { stockOf } from '../orders/fixtures';
import { addEdition } from '../support/editions';
import { keyEdition, makeGame } from './support';

let admin: Account;
let customer: Account;

beforeAll(async () => {
  admin = await account('admin');
  customer = await account('customer');
});

type EditionView = {
  id: string;
  name: string;
  delivery: string;
  priceCents: number;
  stock: number | null;
  archivedAt: string | null;
  sku: string;
};

async function listedPrice(productId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ price: products.priceCents })
    .from(products)
    .where(eq(products.id, productId));
  return row!.price;
}

/** The public product API, as a shopper's browser reads it. */
async function shopView(slug: string) {
  const res = await productRoute(
    new NextRequest(`http://localhost:3000/api/v1/products/${slug}`),
    ctx({ slug }),
  );
  expect(res.status).toBe(200);
  return bodyOf<{ priceCents: number; editions: EditionView[] }>(res);
}

const postEdition = (productId: string, body: unknown, who: Account | null = admin) =>
  addEditionRoute(
    request(`/api/v1/admin/products/${productId}/editions`, { body, cookie: who?.cookie }),
    ctx({ id: productId }),
  );

const patchEdition = (editionId: string, body: unknown, who: Account | null = admin) =>
  patchEditionRoute(
    request(`/api/v1/admin/editions/${editionId}`, { method: 'PATCH', body, cookie: who?.cookie }),
    ctx({ id: editionId }),
  );

const adjust = (productId: string, body: unknown, who: Account | null = admin) =>
  stockRoute(
    request(`/api/v1/admin/products/${productId}/stock`, { body, cookie: who?.cookie }),
    ctx({ id: productId }),
  );

async function adjustmentsOf(productId: string) {
  const db = await getDb();
  return db.select().from(stockAdjustments).where(eq(stockAdjustments.productId, productId));
}

/** A boxed game at 29.99 with 5 units. */
async function boxedGame() {
  const game = await makeGame({ priceCents: 2999 });
  const box = await addEdition(game.id, {
    stock: 5,
    delivery: 'physical',
    priceCents: 2999,
    name: 'Boxed',
  });
  return { game, box };
}

describe('adding editions', () => {
  it('adds an edition (201), and the listed price follows the cheapest edition, in the shop too', async () => {
    const { game } = await boxedGame();
    // Warm the shop's cached copy first: the change must reach it.
    expect((await shopView(game.slug)).priceCents).toBe(2999);

    const res = await postEdition(game.id, {
      name: 'Steam key',
      platform: 'PC',
      delivery: 'key',
      priceCents: 1999,
    });
    expect(res.status).toBe(201);
    const { editions: listed } = await bodyOf<{ editions: (EditionView & { keys: unknown })[] }>(
      res,
    );
    const added = listed.find((e) => e.name === 'Steam key')!;
    expect(added).toMatchObject({
      delivery: 'key',
      priceCents: 1999,
      stock: 0,
      archivedAt: null,
      keys: { available: 0, assigned: 0, revealed: 0, revoked: 0 },
    });
    expect(added.sku).toMatch(/^[A-Z0-9-]+$/);
    expect(await listedPrice(game.id)).toBe(1999);
    const shop = await shopView(game.slug);
    expect(shop.priceCents).toBe(1999);
    expect(shop.editions.map((e) => e.name).sort()).toEqual(['Boxed', 'Steam key']);

    // A dearer edition leaves the price where the cheapest puts it.
    expect(
      (
        await postEdition(game.id, {
          name: 'Deluxe box',
          platform: 'PS5',
          delivery: 'physical',
          priceCents: 5999,
          stock: 2,
        })
      ).status,
    ).toBe(201);
    expect(await listedPrice(game.id)).toBe(1999);
    const adjustments = await adjustmentsOf(game.id);
    expect(adjustments.map((a) => [a.delta, a.reason])).toEqual([[2, 'Opening stock']]);
  });

  it('refuses a key edition with opening stock (400 naming stock) and a SKU already used (409 naming sku)', async () => {
    const { game, box } = await boxedGame();
    const keyed = await postEdition(game.id, {
      name: 'Key',
      platform: 'PC',
      delivery: 'key',
      priceCents: 999,
      stock: 10,
    });
    expect(keyed.status).toBe(400);
    expect((await bodyOf(keyed)).error.fields).toHaveProperty('stock');
    const twin = await postEdition(game.id, {
      name: 'Twin',
      platform: 'PC',
      delivery: 'physical',
      priceCents: 999,
      stock: 1,
      sku: box.sku,
    });
    expect(twin.status).toBe(409);
    expect((await bodyOf(twin)).error.fields).toHaveProperty('sku');
    const db = await getDb();
    expect(await db.select().from(editions).where(eq(editions.productId, game.id))).toHaveLength(1);
    expect(await listedPrice(game.id)).toBe(2999);
  });
});

describe('changing an edition', () => {
  it('archives an edition: it leaves the shop’s editions and no longer sets the price; restoring brings it back', async () => {
    const { game } = await boxedGame();
    const cheap = await addEdition(game.id, {
      stock: 3,
      delivery: 'physical',
      priceCents: 999,
      name: 'Budget box',
      position: 1,
    });
    const db = await getDb();
    await db.update(products).set({ priceCents: 999 }).where(eq(products.id, game.id));
    expect((await shopView(game.slug)).editions.map((e) => e.id)).toContain(cheap.id);

    const res = await patchEdition(cheap.id, { archived: true });
    expect(res.status).toBe(200);
    const { editions: listed } = await bodyOf<{ editions: EditionView[] }>(res);
    expect(listed.find((e) => e.id === cheap.id)!.archivedAt).not.toBeNull();
    const shop = await shopView(game.slug);
    expect(shop.editions.map((e) => e.id)).not.toContain(cheap.id);
    expect(shop.editions.map((e) => e.name)).toEqual(['Boxed']);
    expect(shop.priceCents).toBe(2999);
    expect(await listedPrice(game.id)).toBe(2999);

    expect((await patchEdition(cheap.id, { archived: false })).status).toBe(200);
    expect((await shopView(game.slug)).editions.map((e) => e.id)).toContain(cheap.id);
    expect(await listedPrice(game.id)).toBe(999);
  });

  it('sets and lifts a download’s cap, and refuses a cap on a box (400 naming downloadCap)', async () => {
    const { game, box } = await boxedGame();
    const added = await postEdition(game.id, {
      name: 'DRM-free',
      platform: 'PC',
      delivery: 'download',
      priceCents: 1499,
      stock: null,
    });
    expect(added.status).toBe(201);
    const download = (await bodyOf<{ editions: EditionView[] }>(added)).editions.find(
      (e) => e.name === 'DRM-free',
    )!;
    expect(download.stock).toBeNull();

    const capped = await patchEdition(download.id, { downloadCap: 100 });
    expect(capped.status).toBe(200);
    expect(
      (await bodyOf<{ editions: EditionView[] }>(capped)).editions.find(
        (e) => e.id === download.id,
      )!.stock,
    ).toBe(100);
    expect(await stockOf(download.id)).toBe(100);
    expect((await shopView(game.slug)).editions.find((e) => e.id === download.id)).toMatchObject({
      stock: 100,
      available: true,
    });

    const lifted = await patchEdition(download.id, { downloadCap: null });
    expect(lifted.status).toBe(200);
    const db = await getDb();
    const [row] = await db
      .select({ stock: editions.stock })
      .from(editions)
      .where(eq(editions.id, download.id));
    expect(row!.stock).toBeNull();

    const onBox = await patchEdition(box.id, { downloadCap: 3 });
    expect(onBox.status).toBe(400);
    expect((await bodyOf(onBox)).error.fields).toHaveProperty('downloadCap');
    expect(await stockOf(box.id)).toBe(5);
  });
});

describe('adjusting stock per edition', () => {
  it('refuses to adjust a key edition (409): its stock is its keys', async () => {
    const { game, box } = await boxedGame();
    const keyed = await keyEdition(game.id, { keys: 2, priceCents: 1999, name: 'Steam key' });
    const res = await adjust(game.id, { editionId: keyed.id, delta: 5, reason: 'Found some keys' });
    expect(res.status).toBe(409);
    const { error } = await bodyOf(res);
    expect(error.message).toMatch(/import keys/i);
    expect(await stockOf(keyed.id)).toBe(2);
    expect(await stockOf(box.id)).toBe(5);
    expect((await adjustmentsOf(game.id)).filter((a) => a.reason === 'Found some keys')).toEqual(
      [],
    );
  });

  it('tells an admin to import keys when the game’s only edition is a key edition and no edition is named', async () => {
    // The admin page's stock form sends no editionId when no edition counts units (key-only games).
    const game = await makeGame({ priceCents: 1999 });
    const keyed = await keyEdition(game.id, { keys: 2, priceCents: 1999, name: 'Steam key' });
    const res = await adjust(game.id, { delta: 5, reason: 'Found some keys' });
    const { error } = await bodyOf(res);
    expect({ status: res.status, message: error.message }).toMatchObject({
      status: 409,
      message: expect.stringMatching(/import keys/i),
    });
    expect(await stockOf(keyed.id)).toBe(2);
  });

  it('asks which edition (400 naming editionId) when several editions count units, then moves only the one named', async () => {
    const { game, box } = await boxedGame();
    const other = await addEdition(game.id, {
      stock: 7,
      delivery: 'physical',
      priceCents: 3999,
      name: 'Collector box',
      position: 1,
    });
    await keyEdition(game.id, { keys: 1, priceCents: 999, name: 'Steam key', position: 2 });

    const unnamed = await adjust(game.id, { delta: 3, reason: 'Recount' });
    expect(unnamed.status).toBe(400);
    expect((await bodyOf(unnamed)).error.fields).toHaveProperty('editionId');
    expect(await stockOf(box.id)).toBe(5);
    expect(await stockOf(other.id)).toBe(7);

    const named = await adjust(game.id, { editionId: other.id, delta: 3, reason: 'Recount' });
    expect(named.status).toBe(200);
    expect(await stockOf(other.id)).toBe(10);
    expect(await stockOf(box.id)).toBe(5);
    const moved = (await adjustmentsOf(game.id)).filter((a) => a.reason === 'Recount');
    expect(moved.map((a) => [a.editionId, a.delta])).toEqual([[other.id, 3]]);
  });

  it('adjusts a game’s only counted edition without an editionId', async () => {
    const { game, box } = await boxedGame();
    // An uncapped download counts no units: the box is the only edition an adjustment can mean.
    await addEdition(game.id, {
      stock: null,
      delivery: 'download',
      priceCents: 999,
      name: 'Download',
      position: 1,
    });
    const res = await adjust(game.id, { delta: -2, reason: 'Damaged in storage' });
    expect(res.status).toBe(200);
    expect(await stockOf(box.id)).toBe(3);
  });
});

describe('who may manage editions', () => {
  it('answers 403 to a customer and 401 to nobody, and changes nothing', async () => {
    const { game, box } = await boxedGame();
    const body = { name: 'Sneaky key', platform: 'PC', delivery: 'key', priceCents: 1 };
    for (const [who, status] of [
      [customer, 403],
      [null, 401],
    ] as const) {
      expect((await postEdition(game.id, body, who)).status).toBe(status);
      expect((await patchEdition(box.id, { priceCents: 1 }, who)).status).toBe(status);
      expect(
        (await adjust(game.id, { editionId: box.id, delta: 100, reason: 'Free units' }, who))
          .status,
      ).toBe(status);
      const list = await listEditionsRoute(
        request(`/api/v1/admin/products/${game.id}/editions`, { cookie: who?.cookie }),
        ctx({ id: game.id }),
      );
      expect(list.status).toBe(status);
    }
    const db = await getDb();
    const rows = await db.select().from(editions).where(eq(editions.productId, game.id));
    expect(rows.map((e) => [e.name, e.priceCents, e.stock])).toEqual([['Boxed', 2999, 5]]);
    expect(await listedPrice(game.id)).toBe(2999);

    // The admin, asking the same way, is let in.
    const ok = await listEditionsRoute(
      request(`/api/v1/admin/products/${game.id}/editions`, { cookie: admin.cookie }),
      ctx({ id: game.id }),
    );
    expect(ok.status).toBe(200);
    expect((await bodyOf(ok)).editions).toEqual([
      expect.objectContaining({ id: box.id, name: 'Boxed' }),
    ]);
  });
});
