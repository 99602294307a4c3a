import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { POST as logout } from '@/app/api/v1/auth/logout/route';
import { GET as me } from '@/app/api/v1/auth/me/route';
import { PASSWORD, signUp } from './accounts';
import { ORIGIN, apiRequest, bodyOf, ctx, setEnv } from './support';

const authCtx = () => ({ params: Promise.resolve({ nextauth: [] as string[] }) });

type ProxyFn = (req: NextRequest, ev: unknown) => Promise<Response>;
const runProxy = (path: string, cookie?: string) =>
  (proxy as unknown as ProxyFn)(
    new NextRequest(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }),
    {},
  );

const authRequest = (
  path: string,
  init: { method?: string; cookie?: string; form?: Record<string, string> } = {},
) =>
  new NextRequest(`${ORIGIN}/api/auth/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      'x-forwarded-for': '10.1.2.3',
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true', AUTH_URL: ORIGIN });
});

describe('the proxy (optimistic cookie check)', () => {
  it('sends anonymous visitors of protected pages to the login page with a callbackUrl', async () => {
    for (const [path, callback] of [
      ['/account', '/account'],
      ['/checkout', '/checkout'],
      ['/orders/123', '/orders/123'],
      ['/admin/products?page=2', '/admin/products?page=2'],
    ] as const) {
      const res = await runProxy(path);
      expect(res.status).toBe(307);
      const location = new URL(res.headers.get('location')!);
      expect(location.pathname).toBe('/login');
      expect(location.searchParams.get('callbackUrl')).toBe(callback);
    }
  });

  it('lets a request with a genuine session cookie through', async () => {
    const { cookie } = await signUp('authjs');
    const res = await runProxy('/account', cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-middleware-next')).toBe('1');
  });

  it('treats a forged cookie as no cookie', async () => {
    const res = await runProxy('/account', 'authjs.session-token=forged.value.here');
    expect(res.status).toBe(307);
  });
});

describe('Auth.js endpoints share the session format', () => {
  it('reads our session cookie in /api/auth/session, with the user id and role', async () => {
    const { cookie, userId, email } = await signUp('authjs');
    const res = await authGet(authRequest('session', { cookie }), authCtx());
    expect(res.status).toBe(200);
    const session = (await bodyOf(res)) as { user: Record<string, unknown> };
    expect(session.user).toMatchObject({ id: userId, role: 'customer' });
    expect(JSON.stringify(session)).not.toContain('sid');
    expect(email).toBeTruthy();
  });

  it('clears the cookie of a revoked session (the jwt callback returns null)', async () => {
    const { cookie } = await signUp('authjs');
    await logout(apiRequest('/api/v1/auth/logout', { method: 'POST', cookie }), ctx());
    const res = await authGet(authRequest('session', { cookie }), authCtx());
    expect(await bodyOf(res)).toBeNull();
    expect(res.headers.getSetCookie().some((c) => /^authjs\.session-token=;/.test(c))).toBe(true);
  });

  it('signs in through the Credentials provider into a session our API accepts, and out again', async () => {
    const { email } = await signUp('authjs');
    const csrf = await authGet(authRequest('csrf'), authCtx());
    const { csrfToken } = (await bodyOf(csrf)) as { csrfToken: string };
    const csrfCookie = cookiesOf(csrf).join('; ');

    const res = await authPost(
      authRequest('callback/credentials', {
        method: 'POST',
        cookie: csrfCookie,
        form: { csrfToken, email, password: PASSWORD },
      }),
      authCtx(),
    );
    expect(res.status).toBe(302);
    const session = cookiesOf(res).find((c) => c.startsWith('authjs.session-token='))!;
    expect(session).toBeDefined();
    const who = await me(apiRequest('/api/v1/auth/me', { cookie: session }), ctx());
    expect(who.status).toBe(200);
    expect(((await bodyOf(who)) as { email: string }).email).toBe(email);

    const out = await authPost(
      authRequest('signout', {
        method: 'POST',
        cookie: `${csrfCookie}; ${session}`,
        form: { csrfToken },
      }),
      authCtx(),
    );
    expect(out.status).toBe(302);
    expect((await me(apiRequest('/api/v1/auth/me', { cookie: session }), ctx())).status).toBe(401);
  });

  it('refuses a wrong password through the Credentials provider without a session cookie', async () => {
    const { email } = await signUp('authjs');
    const csrf = await authGet(authRequest('csrf'), authCtx());
    const { csrfToken } = (await bodyOf(csrf)) as { csrfToken: string };
    const res = await authPost(
      authRequest('callback/credentials', {
        method: 'POST',
        cookie: cookiesOf(csrf).join('; '),
        form: { csrfToken, email, password: 'wrong password' },
      }),
      authCtx(),
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('CredentialsSignin');
    expect(location.searchParams.get('code')).toBe('unauthenticated');
    expect(cookiesOf(res).some((c) => c.startsWith('authjs.session-token=') && c.length > 30)).toBe(
      false,
    );
  });
});
