import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActionState } from '@/lib/actions/validated';
import { account, bodyOf, ctx, request, type Account } from './support';
import { jar } from './next-request';

// Server actions read the request's cookies through next/headers; here they come from `jar`.
vi.mock('next/headers', () => import('./next-request'));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

type Auth = 'none' | 'optional' | 'user' | 'admin';
type Handler = ((
  req: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>) & { options?: { auth: Auth; sameOrigin: boolean } };
type Action = ((state: ActionState, form: FormData) => Promise<ActionState>) & { auth?: Auth };
type Module = Record<string, unknown>;

// Every route and admin action file is found on disk, so one added later is covered without
// editing this test; each declares who may call it, and the declaration is what is checked.
type Glob = { glob: <T>(pattern: string | string[]) => Record<string, () => Promise<T>> };
const routeModules = (import.meta as ImportMeta & Glob).glob<Module>('/app/api/**/route.ts');
const actionModules = (import.meta as ImportMeta & Glob).glob<Module>([
  '/app/admin/**/actions*.ts',
  '/app/admin/actions/*.ts',
]);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Case = {
  file: string;
  method: (typeof METHODS)[number];
  path: string;
  params: Record<string, string>;
  handler: Handler;
};

async function allCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const [file, load] of Object.entries(routeModules)) {
    const mod = await load();
    const params: Record<string, string> = {};
    const path = file
      .replace(/^\/app/, '')
      .replace(/\/route\.ts$/, '')
      .replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_m, name: string) => (params[name] = randomUUID()));
    for (const method of METHODS) {
      if (typeof mod[method] === 'function')
        cases.push({ file, method, path, params, handler: mod[method] as Handler });
    }
  }
  return cases;
}

function call(c: Case, cookie?: string): Promise<Response> {
  const init = UNSAFE.has(c.method)
    ? { method: c.method, cookie, body: {} }
    : { method: c.method, cookie };
  return c.handler(request(c.path, init), ctx(c.params));
}

const label = (c: Case) => `${c.method} ${c.file}`;
const authOf = (c: Case) => c.handler.options?.auth;

let cases: Case[];
let customer: Account;
let admin: Account;

beforeAll(async () => {
  cases = await allCases();
  customer = await account('customer');
  admin = await account('admin');
});

describe('every route handler', () => {
  it('is found on disk and declares its access through route()', () => {
    expect(cases.length).toBeGreaterThan(60);
    for (const c of cases) {
      expect(['none', 'optional', 'user', 'admin'], label(c)).toContain(authOf(c));
      expect(typeof c.handler.options?.sameOrigin, label(c)).toBe('boolean');
    }
  });

  it('is admin-only exactly under /api/v1/admin', () => {
    for (const c of cases) {
      expect(authOf(c) === 'admin', label(c)).toBe(c.path.startsWith('/api/v1/admin/'));
    }
  });

  it('keeps same-origin on for state changes, except machine-to-machine routes', () => {
    const optedOut = cases.filter((c) => !c.handler.options?.sameOrigin).map((c) => c.path);
    expect(optedOut).toEqual(['/api/v1/payments/webhook']);
  });

  it('answers 401 with the error shape to an anonymous caller where a session is declared', async () => {
    for (const c of cases) {
      const res = await call(c);
      if (authOf(c) === 'admin' || authOf(c) === 'user') {
        expect(res.status, label(c)).toBe(401);
        expect(await bodyOf(res), label(c)).toEqual({
          error: { code: 'unauthenticated', message: expect.any(String) },
        });
      } else {
        expect(res.status, label(c)).toBeLessThan(500);
      }
    }
  });

  it('answers 403 to a signed-in customer on admin routes, before looking at the input', async () => {
    for (const c of cases.filter((x) => authOf(x) === 'admin')) {
      const res = await call(c, customer.cookie);
      expect(res.status, label(c)).toBe(403);
      expect((await bodyOf(res)).error.code, label(c)).toBe('forbidden');
    }
  });

  it('lets a customer into routes that are not admin-only', async () => {
    for (const c of cases.filter((x) => authOf(x) !== 'admin')) {
      // A fresh customer per write: signing out (everywhere) is one of these routes.
      const who = UNSAFE.has(c.method) ? await account('customer') : customer;
      const res = await call(c, who.cookie);
      expect(res.status, label(c)).not.toBe(401);
      expect(res.status, label(c)).toBeLessThan(500);
    }
  });

  it('answers 401 to a forged or expired session cookie', async () => {
    const forged = `${customer.cookie.split('=')[0]}=not-a-real-token`;
    for (const c of cases.filter((x) => x.method === 'GET' && authOf(x) === 'admin')) {
      expect((await call(c, forged)).status, label(c)).toBe(401);
    }
  });

  it('refuses another site’s state-changing request with 403 before anything else', async () => {
    for (const c of cases.filter((x) => UNSAFE.has(x.method) && x.handler.options?.sameOrigin)) {
      const req = request(c.path, {
        method: c.method,
        cookie: admin.cookie,
        body: {},
        headers: { origin: 'https://evil.example' },
      });
      const res = await c.handler(req, ctx(c.params));
      expect(res.status, label(c)).toBe(403);
      expect((await bodyOf(res)).error.message, label(c)).toMatch(/Cross-origin/);
    }
  });

  it('lets an admin through: no admin route answers 401, 403 or 500 to an admin', async () => {
    for (const c of cases.filter((x) => authOf(x) === 'admin')) {
      const res = await call(c, admin.cookie);
      expect([401, 403], `${label(c)} answered ${res.status}`).not.toContain(res.status);
      expect(res.status, label(c)).toBeLessThan(500);
    }
  });
});

describe('every admin server action', () => {
  const actions = async () => {
    const found: [string, Action][] = [];
    for (const [file, load] of Object.entries(actionModules)) {
      // Only 'use server' modules export actions; helpers beside them (saved.ts) do not.
      if (!/^\s*['"]use server['"]/.test(readFileSync(join(process.cwd(), file), 'utf8'))) continue;
      const mod = await load();
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'function') found.push([`${file} ${name}`, value as Action]);
      }
    }
    return found;
  };

  it('declares admin access and refuses customers and anonymous visitors before reading the form', async () => {
    const found = await actions();
    expect(found.length).toBeGreaterThan(15);
    for (const [who, cookie, message] of [
      ['anonymous', '', /sign in/i],
      ['customer', customer.cookie, /administrators/i],
    ] as const) {
      jar.cookie = cookie;
      for (const [name, action] of found) {
        expect(action.auth, name).toBe('admin');
        // An empty form: a refusal must come before any field is judged.
        const state = await action({ ok: false }, new FormData());
        expect(state.ok, `${who} ${name}`).toBe(false);
        expect(state.message, `${who} ${name}`).toMatch(message);
        expect(state.fields, `${who} ${name}`).toBeUndefined();
      }
    }
    jar.cookie = '';
  });
});
