import { compare } from 'bcryptjs';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDb, rowsOf, type Db } from '@/db/client';
import { categories, editions, productImages, products, users } from '@/db/schema';
import { ACCOUNTS, buildCatalog, GENRES, seed } from './index';

const seededSlugs = buildCatalog().map((g) => g.slug);
let db: Db;

beforeAll(async () => {
  db = await getDb();
  // Other files run first in some orders and edit seeded rows (admin reorders categories):
  // the seed puts the demo shop back, which is the state these tests describe.
  await seed(db, { bcryptCost: 4 });
});

afterAll(async () => {
  await closeDb();
});

async function tableCounts() {
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`select
      (select count(*) from categories) as categories,
      (select count(*) from products) as products,
      (select count(*) from product_images) as product_images,
      (select count(*) from users) as users`),
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

describe('the seeded test database', () => {
  it('holds the whole catalog: over 500 games across at least ten genres and several platforms', async () => {
    const rows = await db
      .select({
        genres: products.genres,
        platforms: products.platforms,
        stock: sql<number>`(select coalesce(sum(e.stock), 0)::int from editions e where e.product_id = ${products.id})`,
        unlimited: sql<boolean>`exists (select 1 from editions e where e.product_id = ${products.id} and e.stock is null)`,
      })
      .from(products)
      .where(inArray(products.slug, seededSlugs));
    expect(rows.length).toBeGreaterThanOrEqual(500);
    expect(rows).toHaveLength(seededSlugs.length);
    expect(new Set(rows.flatMap((r) => r.genres)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(rows.flatMap((r) => r.platforms)).size).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => Number(r.stock) === 0 && !r.unlimited).length).toBeGreaterThan(0);
  });

  it('gives every game editions on its platforms, keys in the vault for each key edition, some downloads and a few boxes', async () => {
    const rows = await db
      .select({
        delivery: editions.delivery,
        platform: editions.platform,
        stock: editions.stock,
        keys: sql<number>`(select count(*)::int from license_keys k where k.edition_id = ${editions.id} and k.status = 'available')`,
      })
      .from(editions)
      .innerJoin(products, eq(products.id, editions.productId))
      .where(inArray(products.slug, seededSlugs));
    const by = (d: string) => rows.filter((r) => r.delivery === d);
    expect(by('key').length).toBeGreaterThanOrEqual(seededSlugs.length);
    expect(by('download').length).toBeGreaterThan(50);
    expect(by('physical').length).toBeGreaterThan(5);
    expect(by('physical').length).toBeLessThan(by('download').length);
    // A key edition's stock is its keys on sale, nothing else.
    for (const r of by('key')) expect(r.stock).toBe(Number(r.keys));
    expect(by('download').every((r) => r.stock === null)).toBe(true);
  });

  it('has one category per genre, in order', async () => {
    const rows = await db
      .select({
        slug: categories.slug,
        position: categories.position,
        description: categories.description,
      })
      .from(categories)
      .where(
        inArray(
          categories.slug,
          GENRES.map((g) => g.slug),
        ),
      )
      .orderBy(categories.position);
    expect(rows.map((r) => r.slug)).toEqual(GENRES.map((g) => g.slug));
    expect(rows.every((r) => r.description.length > 0)).toBe(true);
  });

  it('files every game under the category of its primary genre', async () => {
    const [row] = rowsOf<{ misfiled: string | number }>(
      await db.execute(sql`select count(*) as misfiled from products p
        join categories c on c.id = p.category_id
        where p.slug in ${seededSlugs} and p.genres[1] <> c.name`),
    );
    expect(Number(row?.misfiled)).toBe(0);
  });

  it('never repeats a slug', async () => {
    const [row] = rowsOf<{ total: string | number; distinct: string | number }>(
      await db.execute(
        sql`select count(*) as total, count(distinct slug) as distinct from products`,
      ),
    );
    expect(Number(row?.distinct)).toBe(Number(row?.total));
  });

  it('gives every seeded game its cover image', async () => {
    const rows = await db
      .select({ slug: products.slug, url: productImages.url, width: productImages.width })
      .from(products)
      .leftJoin(productImages, eq(productImages.productId, products.id))
      .where(inArray(products.slug, seededSlugs));
    const covered = new Set(
      rows.filter((r) => r.url === `/media/covers/${r.slug}.svg`).map((r) => r.slug),
    );
    expect(covered.size).toBe(seededSlugs.length);
    expect(rows.every((r) => r.width === 600)).toBe(true);
  });

  it('has the admin and shopper accounts with their roles and documented passwords', async () => {
    for (const account of ACCOUNTS) {
      const [user] = await db
        .select({
          role: users.role,
          name: users.name,
          status: users.status,
          hash: users.passwordHash,
        })
        .from(users)
        .where(eq(users.email, account.email));
      expect(user, account.email).toBeDefined();
      expect(user?.role).toBe(account.role);
      expect(user?.name).toBe(account.name);
      expect(user?.status).toBe('active');
      expect(await compare(account.password, user?.hash ?? '')).toBe(true);
    }
    const roles = Object.fromEntries(ACCOUNTS.map((a) => [a.email, a.role]));
    expect(roles).toEqual({ 'admin@arcade.test': 'admin', 'shopper@arcade.test': 'customer' });
  });
});

describe('seed', () => {
  it('changes no counts and creates nothing when run again', async () => {
    const before = await tableCounts();
    const result = await seed(db, { bcryptCost: 4 });
    expect(await tableCounts()).toEqual(before);
    for (const table of Object.values(result)) expect(table.created).toBe(0);
    expect(result.products.total).toBe(seededSlugs.length);
  });

  it('puts an edited game back to its seeded state without touching the rest', async () => {
    const slug = seededSlugs[0] as string;
    const [original] = await db.select().from(products).where(eq(products.slug, slug));
    await db.update(products).set({ priceCents: 1 }).where(eq(products.slug, slug));
    const [box] = await db
      .select()
      .from(editions)
      .where(and(eq(editions.delivery, 'physical'), isNotNull(editions.stock)))
      .limit(1);
    await db.update(editions).set({ stock: 999 }).where(eq(editions.id, box!.id));

    const result = await seed(db, { bcryptCost: 4 });

    const [restored] = await db.select().from(products).where(eq(products.slug, slug));
    expect(restored?.priceCents).toBe(original?.priceCents);
    const [boxAfter] = await db.select().from(editions).where(eq(editions.id, box!.id));
    expect(boxAfter?.stock).toBe(box?.stock);
    expect(restored?.id).toBe(original?.id);
    expect(result.products.updated).toBeGreaterThanOrEqual(1);
    expect(result.products.created).toBe(0);
  });
});
