import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { account, bodyOf, ctx, request, type Account } from './support';

type Handler = (
  req: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;
type RouteModule = Record<string, unknown>;

// Every admin route file is found on disk, so a route added later is covered without editing this test.
type Glob = { glob: <T>(pattern: string) => Record<string, () => Promise<T>> };
const modules = (import.meta as ImportMeta & Glob).glob<RouteModule>(
  '/app/api/v1/admin/**/route.ts',
);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type Case = {
  file: string;
  method: (typeof METHODS)[number];
  path: string;
  params: Record<string, string>;
  handler: Handler;
};

async function allCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const [file, load] of Object.entries(modules)) {
    const mod = await load();
    const params: Record<string, string> = {};
    const path = file
      .replace(/^\/app/, '')
      .replace(/\/route\.ts$/, '')
      .replace(/\[([^\]]+)\]/g, (_m, name: string) => (params[name] = randomUUID()));
    for (const method of METHODS) {
      if (typeof mod[method] === 'function')
        cases.push({ file, method, path, params, handler: mod[method] as Handler });
    }
  }
  return cases;
}

function call(c: Case, cookie?: string): Promise<Response> {
  const init = c.method === 'GET' ? { cookie } : { method: c.method, cookie, body: {} };
  return c.handler(request(c.path, init), ctx(c.params));
}

let cases: Case[];
let customer: Account;
let admin: Account;

beforeAll(async () => {
  cases = await allCases();
  customer = await account('customer');
  admin = await account('admin');
});

describe('every admin route handler', () => {
  it('is found on disk: products, categories, orders, users, audit, stats and their sub-routes', () => {
    const seen = new Set(
      cases.map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/g, ':id')}`),
    );
    for (const expected of [
      'GET /api/v1/admin/stats',
      'GET /api/v1/admin/products',
      'POST /api/v1/admin/products',
      'GET /api/v1/admin/products/:id',
      'PATCH /api/v1/admin/products/:id',
      'POST /api/v1/admin/products/:id/archive',
      'POST /api/v1/admin/products/:id/restore',
      'GET /api/v1/admin/products/:id/stock',
      'POST /api/v1/admin/products/:id/stock',
      'POST /api/v1/admin/products/:id/images',
      'DELETE /api/v1/admin/products/:id/images/:id',
      'GET /api/v1/admin/categories',
      'POST /api/v1/admin/categories',
      'PUT /api/v1/admin/categories/order',
      'PATCH /api/v1/admin/categories/:id',
      'DELETE /api/v1/admin/categories/:id',
      'GET /api/v1/admin/orders',
      'GET /api/v1/admin/orders/:id',
      'POST /api/v1/admin/orders/:id/fulfil',
      'POST /api/v1/admin/orders/:id/cash-payment',
      'POST /api/v1/admin/orders/:id/refund',
      'GET /api/v1/admin/orders/:id/notes',
      'POST /api/v1/admin/orders/:id/notes',
      'GET /api/v1/admin/users',
      'GET /api/v1/admin/users/:id',
      'PUT /api/v1/admin/users/:id/role',
      'POST /api/v1/admin/users/:id/disable',
      'POST /api/v1/admin/users/:id/enable',
      'GET /api/v1/admin/audit',
    ]) {
      expect(seen, expected).toContain(expected);
    }
  });

  it('answers 401 with the error shape to an anonymous caller', async () => {
    for (const c of cases) {
      const res = await call(c);
      expect(res.status, `${c.method} ${c.file}`).toBe(401);
      expect(await bodyOf(res), `${c.method} ${c.file}`).toEqual({
        error: { code: 'unauthenticated', message: expect.any(String) },
      });
    }
  });

  it('answers 403 to a signed-in customer, before looking at the input', async () => {
    for (const c of cases) {
      const res = await call(c, customer.cookie);
      expect(res.status, `${c.method} ${c.file}`).toBe(403);
      expect((await bodyOf(res)).error.code, `${c.method} ${c.file}`).toBe('forbidden');
    }
  });

  it('answers 401 to a forged or expired session cookie', async () => {
    const forged = `${customer.cookie.split('=')[0]}=not-a-real-token`;
    for (const c of cases.filter((x) => x.method === 'GET')) {
      expect((await call(c, forged)).status, `${c.method} ${c.file}`).toBe(401);
    }
  });

  it('lets an admin through: no route answers 401, 403 or 500 to an admin', async () => {
    for (const c of cases) {
      const res = await call(c, admin.cookie);
      expect([401, 403, 500], `${c.method} ${c.file} answered ${res.status}`).not.toContain(
        res.status,
      );
      expect(res.status, `${c.method} ${c.file}`).toBeLessThan(500);
    }
  });
});
