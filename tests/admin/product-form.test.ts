import { eq } from 'drizzle-orm';
import type { ReactElement } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { products } from '@/db/schema';
import type { ActionState } from '@/lib/actions/validated';
import {
  mergeShopperSpecs,
  productCreateFormSchema,
  productUpdateFormSchema,
} from '@/lib/admin/product-schemas';
import { account, makeCategory, makeProduct, type Account } from './support';
import { jar, renderToHtml } from './next-request';

vi.mock('next/headers', () => import('./next-request'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const products$ = await import('@/app/admin/actions/products');

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;
const run = (action: Action, fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return action({ ok: false }, data);
};

let admin: Account;
let category: { id: string; name: string };
let other: { id: string; name: string };

beforeAll(async () => {
  admin = await account('admin');
  category = await makeCategory();
  other = await makeCategory();
});

beforeEach(() => {
  jar.cookie = admin.cookie;
});

const filled = (overrides: Record<string, string> = {}) => ({
  title: 'Spec Game',
  description: 'A game with specs.',
  price: '10.00',
  currency: 'USD',
  categoryId: category.id,
  releaseDate: '2025-01-01',
  ...overrides,
});

describe('the admin product form', () => {
  it('sends back the chosen category after a failed save, so the select shows it again', async () => {
    const state = await run(
      products$.createProductAction,
      filled({ categoryId: other.id, description: '' }),
    );
    expect(state.ok).toBe(false);
    expect(Object.keys(state.fields ?? {})).toEqual(['description']);
    expect(state.values).toMatchObject({ categoryId: other.id, title: 'Spec Game' });
  });

  it('reads the shopper specs into specs, leaving blank ones out', () => {
    const parsed = productCreateFormSchema.parse(
      filled({
        specModes: ' Single-player, Online co-op ',
        specPlayers: '1–4',
        specLanguages: '',
        specAgeRating: 'Teen',
      }),
    );
    expect(parsed.specs).toEqual({
      Modes: 'Single-player, Online co-op',
      Players: '1–4',
      'Age rating': 'Teen',
    });
    // A form without spec fields (an older page) does not touch specs on an edit.
    expect(productUpdateFormSchema.parse(filled()).specs).toBeUndefined();
  });

  it('names a spec that is too long on its own field, beside the other errors', () => {
    const result = productUpdateFormSchema.safeParse(
      filled({
        title: '',
        specPlayers: 'x'.repeat(41),
        specModes: 'ok',
        specAgeRating: 'y'.repeat(41),
      }),
    );
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['title', 'specPlayers', 'specAgeRating']));
    expect(paths).not.toContain('specModes');
    expect(result.error!.issues.find((i) => i.path[0] === 'specPlayers')?.message).toBe(
      'Keep players under 40 characters.',
    );
  });

  it('lays the form’s specs over the game’s others: Storage stays, a blank spec goes', () => {
    expect(
      mergeShopperSpecs(
        { Storage: '40 GB', Developer: 'Nin', Modes: 'Single-player', 'Age rating': 'Teen' },
        { Modes: 'Online co-op', Players: '1–4' },
      ),
    ).toEqual({ Storage: '40 GB', Developer: 'Nin', Modes: 'Online co-op', Players: '1–4' });
  });

  it('saves specs through the update action and shows them on the edit page again', async () => {
    const game = await makeProduct(category.id, {
      specs: { Storage: '40 GB', Developer: 'Nin', Modes: 'Single-player', 'Age rating': 'Teen' },
    });
    const state = await run(products$.updateProductAction, {
      ...filled({ title: game.title, categoryId: category.id }),
      id: game.id,
      slug: game.slug,
      specModes: 'Single-player, Online co-op',
      specPlayers: '1–4',
      specLanguages: 'English, French',
      specAgeRating: '',
    });
    expect(state).toMatchObject({ ok: true });
    const db = await getDb();
    const [row] = await db.select().from(products).where(eq(products.id, game.id));
    expect(row!.specs).toEqual({
      Storage: '40 GB',
      Developer: 'Nin',
      Modes: 'Single-player, Online co-op',
      Players: '1–4',
      Languages: 'English, French',
    });

    const { default: Page } = (await import('@/app/admin/products/[id]/page')) as unknown as {
      default: (props: unknown) => Promise<ReactElement>;
    };
    const html = await renderToHtml(
      await Page({ params: Promise.resolve({ id: game.id }), searchParams: Promise.resolve({}) }),
    );
    for (const value of ['Single-player, Online co-op', '1–4', 'English, French'])
      expect(html).toContain(`value="${value}"`);
    expect(html).toContain('Age rating');
  });
});
