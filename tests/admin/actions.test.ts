import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { productStock } from '../support/editions';
import { getDb } from '@/db/client';
import { auditLog, categories, products } from '@/db/schema';
import type { ActionState } from '@/lib/actions/validated';
import { account, makeCategory, makePaidOrder, makeProduct, tag, type Account } from './support';
import { jar } from './next-request';

// Server actions read the request's cookies and headers through next/headers; here they come from
vi.mock('next/headers', () => import('./next-request'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const products$ = await import('@/app/admin/actions/products');
const categories$ = await import('@/app/admin/actions/categories');
const orders$ = await import('@/app/admin/actions/orders');
const users$ = await import('@/app/admin/actions/users');

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  // What React adds to a progressively enhanced form: must be ignored, not rejected.
  data.append('$ACTION_ID_abc', '');
  return data;
}

const run = (action: Action, fields: Record<string, string>) => action({ ok: false }, form(fields));

let admin: Account;
let customer: Account;
let category: { id: string };
let product: { id: string; slug: string; title: string; priceCents: number };
let order: { id: string };

beforeAll(async () => {
  admin = await account('admin');
  customer = await account('customer');
  category = await makeCategory();
  product = await makeProduct(category.id);
  order = await makePaidOrder(customer.id, product, 1);
});

beforeEach(() => {
  jar.cookie = '';
});

async function auditCount(): Promise<number> {
  const db = await getDb();
  return (await db.select({ id: auditLog.id }).from(auditLog)).length;
}

describe('admin server actions', () => {
  it('refuse anonymous visitors and customers with a message, and write nothing', async () => {
    const attempts: [Action, Record<string, string>][] = [
      [
        products$.updateProductAction,
        {
          id: product.id,
          title: 'Hijacked',
          description: 'x',
          price: '1.00',
          categoryId: category.id,
          releaseDate: '2024-01-01',
        },
      ],
      [products$.adjustStockAction, { id: product.id, delta: '5', reason: 'Sneaky restock' }],
      [products$.archiveProductAction, { id: product.id, intent: 'archive' }],
      [
        products$.deleteImageAction,
        { id: product.id, imageId: '00000000-0000-4000-8000-000000000009' },
      ],
      [categories$.createCategoryAction, { name: `Sneaky ${tag()}` }],
      [categories$.renameCategoryAction, { id: category.id, name: 'Sneaky' }],
      [categories$.moveCategoryAction, { id: category.id, direction: 'up' }],
      [categories$.deleteCategoryAction, { id: category.id }],
      [orders$.fulfilOrderAction, { id: order.id }],
      [orders$.recordCashPaymentAction, { id: order.id }],
      [orders$.decideRefundAction, { id: order.id, decision: 'approve' }],
      [orders$.addNoteAction, { id: order.id, body: 'Sneaky note' }],
      [users$.changeRoleAction, { id: customer.id, role: 'admin' }],
      [users$.setUserStatusAction, { id: admin.id, status: 'disabled' }],
    ];
    const before = await auditCount();
    for (const [who, cookie, message] of [
      ['anonymous', '', /sign in/i],
      ['customer', customer.cookie, /administrators/i],
    ] as const) {
      jar.cookie = cookie;
      for (const [action, fields] of attempts) {
        const state = await run(action, fields);
        expect(state.ok, `${who} ${action.name}`).toBe(false);
        expect(state.message, `${who} ${action.name}`).toMatch(message);
      }
    }
    // createProductAction redirects on success, so it is checked on its own.
    jar.cookie = customer.cookie;
    expect(
      (
        await run(products$.createProductAction, {
          title: 'Nope',
          description: 'x',
          price: '1',
          categoryId: category.id,
          releaseDate: '2024-01-01',
        })
      ).ok,
    ).toBe(false);

    expect(await auditCount()).toBe(before);
    const db = await getDb();
    const [row] = await db.select().from(products).where(eq(products.id, product.id));
    expect(row).toMatchObject({ title: product.title, archivedAt: null });
    expect(await productStock(product.id)).toBe(10);
  });

  it('return field errors for a bad product form and keep what was typed', async () => {
    jar.cookie = admin.cookie;
    const state = await run(products$.createProductAction, {
      title: 'Half a game',
      description: '',
      price: '12.345',
      categoryId: '',
      releaseDate: '',
    });
    expect(state.ok).toBe(false);
    expect(Object.keys(state.fields ?? {})).toEqual(
      expect.arrayContaining(['description', 'priceCents', 'categoryId', 'releaseDate']),
    );
    expect(state.values).toMatchObject({ title: 'Half a game', price: '12.345' });
    const db = await getDb();
    expect(await db.select().from(products).where(eq(products.title, 'Half a game'))).toHaveLength(
      0,
    );
  });

  it('create a product from the form (price in dollars, lists comma-separated) and redirect to it', async () => {
    jar.cookie = admin.cookie;
    const title = `Form Game ${tag()}`;
    const outcome = await run(products$.createProductAction, {
      title,
      description: 'Made through the admin form.',
      price: '19.99',
      currency: 'usd',
      categoryId: category.id,
      platforms: 'PC, Switch ,',
      genres: 'Puzzle',
      releaseDate: '2025-05-05',
      stock: '3',
      featured: 'on',
    }).catch((err: unknown) => err as { digest?: string });
    expect((outcome as { digest?: string }).digest).toMatch(
      /^NEXT_REDIRECT;.*\/admin\/products\/[0-9a-f-]{36}\?created=1/,
    );
    const db = await getDb();
    const [row] = await db.select().from(products).where(eq(products.title, title));
    expect(row).toMatchObject({
      priceCents: 1999,
      currency: 'USD',
      platforms: ['PC', 'Switch'],
      genres: ['Puzzle'],
      featured: true,
    });
    expect(await productStock(row!.id)).toBe(3);
  });

  it('rename a category and refuse to remove one in use, as an admin', async () => {
    jar.cookie = admin.cookie;
    expect(
      await run(categories$.renameCategoryAction, { id: category.id, name: 'Renamed by form' }),
    ).toMatchObject({ ok: true });
    const db = await getDb();
    expect(
      (await db.select().from(categories).where(eq(categories.id, category.id)))[0]!.name,
    ).toBe('Renamed by form');
    const refused = await run(categories$.deleteCategoryAction, { id: category.id });
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/use this category/);
  });

  it('refuse to let an admin disable themself from the user page', async () => {
    jar.cookie = admin.cookie;
    const state = await run(users$.setUserStatusAction, { id: admin.id, status: 'disabled' });
    expect(state).toMatchObject({ ok: false, message: expect.stringMatching(/your own account/) });
  });
});
