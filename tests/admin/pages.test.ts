import type { ReactElement } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { account, makeCategory, makePaidOrder, makeProduct, tag, type Account } from './support';
import { jar, renderToHtml } from './next-request';

vi.mock('next/headers', () => import('./next-request'));

// Each page declares its own params; the test hands every page the same loose shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Page = (props: any) => Promise<ReactElement>;

let admin: Account;
let customer: Account;
let pages: {
  path: string;
  load: () => Promise<{ default: Page }>;
  params: Record<string, string>;
  searchParams?: Record<string, string>;
  expect: string[];
}[];

beforeAll(async () => {
  admin = await account('admin');
  customer = await account('customer');
  const category = await makeCategory(`Render Shelf ${tag()}`);
  const product = await makeProduct(category.id, { title: `Render Game ${tag()}`, stock: 2 });
  const order = await makePaidOrder(customer.id, product, 1, 'refund_requested');
  pages = [
    {
      path: '/admin',
      load: () => import('@/app/admin/page'),
      params: {},
      expect: [
        'Dashboard',
        'Revenue today',
        'Orders by status',
        'Low stock',
        'Catalog cache hit rate',
      ],
    },
    {
      path: '/admin/products',
      load: () => import('@/app/admin/products/page'),
      params: {},
      searchParams: { q: product.title, stock: 'bogus' },
      expect: [product.title, 'New product'],
    },
    {
      path: '/admin/products/new',
      load: () => import('@/app/admin/products/new/page'),
      params: {},
      expect: ['Create product', category.name],
    },
    {
      path: '/admin/products/[id]',
      load: () => import('@/app/admin/products/[id]/page'),
      params: { id: product.id },
      expect: [product.title, 'Adjust stock', 'Archive product', 'Upload image'],
    },
    {
      path: '/admin/categories',
      load: () => import('@/app/admin/categories/page'),
      params: {},
      expect: [category.name, 'Add category'],
    },
    {
      path: '/admin/orders',
      load: () => import('@/app/admin/orders/page'),
      params: {},
      searchParams: { customer: customer.email },
      expect: [order.id.slice(0, 8), customer.email],
    },
    {
      path: '/admin/orders/[id]',
      load: () => import('@/app/admin/orders/[id]/page'),
      params: { id: order.id },
      expect: ['Approve refund', 'Deny refund', product.title, 'Internal notes'],
    },
    {
      path: '/admin/users',
      load: () => import('@/app/admin/users/page'),
      params: {},
      searchParams: { q: customer.email },
      expect: [customer.email],
    },
    {
      path: '/admin/users/[id]',
      load: () => import('@/app/admin/users/[id]/page'),
      params: { id: customer.id },
      expect: [customer.email, 'Make admin', 'Disable account', order.id.slice(0, 8)],
    },
    {
      path: '/admin/audit',
      load: () => import('@/app/admin/audit/page'),
      params: {},
      expect: ['Audit log'],
    },
  ];
});

beforeEach(() => {
  jar.cookie = '';
});

async function render(page: (typeof pages)[number]): Promise<string> {
  const Page = (await page.load()).default;
  const element = await Page({
    params: Promise.resolve(page.params),
    searchParams: Promise.resolve(page.searchParams ?? {}),
  });
  return renderToHtml(element);
}

async function redirectOf(page: (typeof pages)[number]): Promise<string> {
  const err = (await render(page).then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  return err?.digest ?? 'no redirect';
}

describe('admin pages', () => {
  it('render for an admin with the shop’s real data, even with a bad filter in the URL', async () => {
    jar.cookie = admin.cookie;
    for (const page of pages) {
      const html = await render(page);
      for (const text of page.expect)
        expect(html, `${page.path} shows ${text}`).toContain(text.replace(/&/g, '&amp;'));
    }
  });

  it('send anonymous visitors to the login page and customers to the forbidden page', async () => {
    for (const page of pages) {
      jar.cookie = '';
      expect(await redirectOf(page), page.path).toMatch(
        /^NEXT_REDIRECT;[a-z]+;\/login\?callbackUrl=%2Fadmin/,
      );
      jar.cookie = customer.cookie;
      expect(await redirectOf(page), page.path).toMatch(/^NEXT_REDIRECT;[a-z]+;\/forbidden;/);
    }
  });

  it('show the first page of a user’s orders when the page number in the URL is absurd', async () => {
    jar.cookie = admin.cookie;
    const userPage = pages.find((p) => p.path === '/admin/users/[id]')!;
    for (const page of ['1e300', '-3', 'NaN', '99999999999']) {
      const html = await render({ ...userPage, searchParams: { page } });
      expect(html, `page=${page}`).toContain(customer.email);
    }
  });

  it('answer 404 for a product, order or user that does not exist', async () => {
    jar.cookie = admin.cookie;
    for (const page of pages.filter((p) => p.params.id)) {
      const digest = await redirectOf({
        ...page,
        params: { id: '00000000-0000-4000-8000-00000000000f' },
      });
      expect(digest, page.path).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    }
  });
});
