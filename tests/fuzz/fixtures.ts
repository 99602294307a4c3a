import postgres from 'postgres';
import { account, makePaidOrder } from '../admin/support';
import { ownedItem } from '../downloads/fixtures';
import { cardOrder, key, putInCart } from '../orders/fixtures';
import { placeOrder } from '@/lib/orders';
import type { Persona } from './cases';
import type { Known } from './materialize';

/*
 * What the fuzzer needs to exist: a signed-in customer and admin (fresh accounts, never the
 * seeded ones), rows they own (a paid order, a pending order with a payment intent, a library
 * item), and the ids of real rows, so hostile requests also reach code behind the "not found".
 */

export type Personas = Record<Exclude<Persona, 'anon'>, { id: string; cookie: string }>;

export async function makePersonas(): Promise<Personas> {
  const [customer, admin] = [await account('customer'), await account('admin')];
  return {
    customer: { id: customer.id, cookie: customer.cookie },
    admin: { id: admin.id, cookie: admin.cookie },
  };
}

/** Rows owned by the customer persona; best effort on a catalog that fuzzing has already changed. */
export async function giveCustomerHistory(sql: postgres.Sql, customerId: string): Promise<void> {
  const [physical] = await sql<
    { productId: string; id: string; slug: string; title: string; priceCents: number }[]
  >`
    select p.id as "productId", e.id, p.slug, p.title, e.price_cents as "priceCents" from editions e join products p on p.id = e.product_id
    where e.delivery = 'physical' and e.stock > 10 and p.archived_at is null order by p.slug limit 1`;
  const [download] = await sql<{ id: string }[]>`
    select e.id from editions e join edition_files f on f.edition_id = e.id where e.delivery = 'download' order by e.sku limit 1`;
  if (physical) {
    await makePaidOrder(
      customerId,
      {
        id: physical.productId,
        slug: physical.slug,
        title: physical.title,
        priceCents: physical.priceCents,
      },
      1,
    );
    await putInCart(customerId, physical.id, 1, physical.priceCents);
    // A pending order with a payment intent, for signed webhooks to find. A fixture, not the
    // subject: if placing orders is broken, the orders tests say so; the fuzz goes on without it.
    await placeOrder(customerId, cardOrder, key()).catch((err: unknown) => {
      console.warn(`fuzz fixtures: no pending order (${err instanceof Error ? err.message : err})`);
    });
  }
  if (download) await ownedItem(customerId, download.id);
}

/** Ids of real rows by slot: a few of each, the personas' own first. */
export async function knownIds(
  sql: postgres.Sql,
  personas: Personas,
  sessionIds: Record<string, string>,
): Promise<Known> {
  const ids = async (query: Promise<{ v: string }[]>) => (await query).map((r) => r.v);
  const customer = personas.customer.id;
  return {
    product: await ids(sql`select id::text as v from products order by slug limit 6`),
    slug: [
      ...(await ids(sql`select slug as v from products order by slug limit 5`)),
      'does-not-exist',
    ],
    edition: await ids(sql`select id::text as v from editions order by sku limit 6`),
    category: await ids(sql`select id::text as v from categories order by slug limit 4`),
    image: await ids(sql`select id::text as v from product_images order by id limit 4`),
    user: [
      customer,
      personas.admin.id,
      ...(await ids(sql`select id::text as v from users order by email limit 3`)),
    ],
    ownOrder: await ids(
      sql`select id::text as v from orders where user_id = ${customer} order by created_at limit 4`,
    ),
    order: await ids(sql`select id::text as v from orders order by created_at desc limit 4`),
    libraryItem: await ids(
      sql`select id::text as v from library_items where user_id = ${customer} or user_id is null order by created_at limit 4`,
    ),
    session: await ids(sql`select id as v from sessions order by created_at desc limit 4`),
    ownSession: Object.values(sessionIds),
    board: [
      'top-sellers',
      'top-sellers-7d',
      'most-viewed',
      'top-rated-rpg',
      'top-rated-',
      'top-rated-../../x',
    ],
    intent: await ids(sql`select intent_id as v from payments order by created_at desc limit 4`),
  };
}

/** The session id inside a persona's cookie, read back from the sessions table. */
export async function sessionIdsOf(
  sql: postgres.Sql,
  personas: Personas,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(personas)) {
    const [row] = await sql<
      { id: string }[]
    >`select id from sessions where user_id = ${p.id} and revoked_at is null order by created_at desc limit 1`;
    if (row) out[name] = row.id;
  }
  return out;
}
