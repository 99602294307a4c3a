import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  categories,
  editions,
  orderItems,
  orders,
  productImages,
  products,
  users,
} from '@/db/schema';
import { addEdition, orderLineOf } from '../support/editions';

export type FixtureGame = {
  title: string;
  priceCents: number;
  stock: number;
  rating: number;
  ratingCount: number;
  releaseDate: string;
  platforms: string[];
  description?: string;
  archived?: boolean;
  /** Units sold through paid orders. */
  sold?: number;
};

export type Fixture = {
  tag: string;
  categorySlug: string;
  genre: string;
  platform: string;
  ids: Map<string, string>;
  slugs: Map<string, string>;
  userId: string;
};

/**
 * A category of made-up games with a genre and platform no seeded game has, so filter, sort and
 * pagination results are known exactly whatever else the catalog holds.
 */
export async function createFixture(games: FixtureGame[]): Promise<Fixture> {
  const db = await getDb();
  const tag = randomBytes(3).toString('hex');
  const genre = `Testgenre${tag}`;
  const platform = `Testbox ${tag}`;
  const [category] = await db
    .insert(categories)
    .values({
      slug: `fixture-${tag}`,
      name: `Fixture ${tag}`,
      description: 'Games made up for tests',
      position: 999,
    })
    .returning({ id: categories.id, slug: categories.slug });
  const rows = await db
    .insert(products)
    .values(
      games.map((g) => ({
        slug: `${g.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${tag}`,
        title: g.title,
        description: g.description ?? `${g.title} is a game made up for the catalog tests.`,
        specs: { Players: '1' },
        priceCents: g.priceCents,
        categoryId: category!.id,
        platforms: [...g.platforms.map((p) => (p === 'TESTBOX' ? platform : p))],
        genres: [genre, 'Puzzle'],
        developer: 'Fixture Studio',
        publisher: 'Fixture Publishing',
        releaseDate: g.releaseDate,
        rating: g.rating,
        ratingCount: g.ratingCount,
        archivedAt: g.archived ? new Date() : null,
      })),
    )
    .returning({ id: products.id, slug: products.slug, title: products.title });
  await db.insert(productImages).values(
    rows.map((r) => ({
      productId: r.id,
      url: `/media/covers/${r.slug}.svg`,
      alt: `Cover art for ${r.title}`,
      position: 0,
    })),
  );
  const [user] = await db
    .insert(users)
    .values({ email: `fixture-${tag}@arcade.test`, name: 'Fixture Buyer', passwordHash: 'x' })
    .returning({ id: users.id });
  const ids = new Map(rows.map((r) => [r.title, r.id]));
  for (const g of games) await addEdition(ids.get(g.title)!, { stock: g.stock });
  const sold = games.filter((g) => g.sold);
  for (const g of sold) {
    await addOrder(user!.id, ids.get(g.title)!, g.title, g.sold!, 'paid');
  }
  return {
    tag,
    categorySlug: category!.slug,
    genre,
    platform,
    ids,
    slugs: new Map(rows.map((r) => [r.title, r.slug])),
    userId: user!.id,
  };
}

export async function addOrder(
  userId: string,
  productId: string,
  title: string,
  quantity: number,
  status: 'paid' | 'fulfilled' | 'refund_requested' | 'cancelled' | 'pending_payment' | 'refunded',
  paidAt: Date | null = new Date(),
): Promise<void> {
  const db = await getDb();
  const [order] = await db
    .insert(orders)
    .values({
      userId,
      status,
      paymentMethod: 'card',
      subtotalCents: 1000 * quantity,
      totalCents: 1000 * quantity,
      shippingAddress: {
        name: 'Fixture',
        line1: '1 Test Street',
        city: 'Testville',
        postalCode: '00000',
        country: 'US',
      },
      paidAt,
    })
    .returning({ id: orders.id });
  await db.insert(orderItems).values({
    orderId: order!.id,
    productId,
    ...(await orderLineOf(productId)),
    title,
    slug: title,
    unitPriceCents: 1000,
    quantity,
  });
}

export async function setPrice(productId: string, priceCents: number): Promise<void> {
  const db = await getDb();
  await db.update(products).set({ priceCents }).where(eq(products.id, productId));
  await db.update(editions).set({ priceCents }).where(eq(editions.productId, productId));
}

export async function archive(productIds: string[]): Promise<void> {
  const db = await getDb();
  await db.update(products).set({ archivedAt: new Date() }).where(inArray(products.id, productIds));
}
