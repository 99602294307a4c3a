import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header';
import {
  unstable_doesMiddlewareMatch,
  unstable_getResponseFromNextConfig,
} from 'next/experimental/testing/server';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import nextConfig from '@/next.config';
import { config as proxyConfig, proxy } from '@/proxy';
import {
  NONCE_PATH,
  NONCE_SECTIONS,
  SESSION_PATH,
  contentSecurityPolicy,
  createNonce,
} from '@/lib/http/csp';
import { signUp } from '../auth/accounts';
import { ORIGIN, setEnv } from '../auth/support';

/** Directive name → its sources, as a browser splits the header. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

type ProxyFn = (req: NextRequest, ev: unknown) => Promise<Response>;
const runProxy = (path: string, init: { cookie?: string; headers?: Record<string, string> } = {}) =>
  (proxy as unknown as ProxyFn)(
    new NextRequest(`${ORIGIN}${path}`, {
      headers: { ...init.headers, ...(init.cookie ? { cookie: init.cookie } : {}) },
    }),
    {},
  );

/** The CSP the proxy hands Next for the render (NextResponse.next({ request: { headers } })). */
const requestPolicyOf = (res: Response) =>
  res.headers.get('x-middleware-request-content-security-policy');

describe('the policy builder', () => {
  it('gives cached pages a policy with no nonce: inline scripts, but nothing from elsewhere', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'", "'report-sample'"]);
    expect(policy.get('script-src-attr')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.get('font-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('gives pages rendered per request a nonce with strict-dynamic and no unsafe-inline', () => {
    const nonce = createNonce();
    const header = contentSecurityPolicy({ nonce });
    const scripts = directives(header).get('script-src')!;
    expect(scripts).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'report-sample'"]);
    expect(scripts).not.toContain("'unsafe-inline'");
    // The same parser Next runs on the request header before it renders.
    expect(getScriptNonceFromHeader(header)).toBe(nonce);
  });

  it('allows eval only in development and upgrades requests only when asked', () => {
    expect(contentSecurityPolicy()).not.toContain('unsafe-eval');
    expect(directives(contentSecurityPolicy({ dev: true })).get('script-src')).toContain(
      "'unsafe-eval'",
    );
    expect(
      directives(contentSecurityPolicy({ upgradeInsecureRequests: true })).has(
        'upgrade-insecure-requests',
      ),
    ).toBe(true);
  });

  it('makes a fresh 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    }
  });
});

describe('the proxy', () => {
  beforeAll(() => {
    setEnv({ AUTH_URL: ORIGIN });
  });

  it('runs for every page listed for a nonce, and for nothing cached, static or API', () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });
    for (const section of NONCE_SECTIONS) {
      for (const url of [`/${section}`, `/${section}/x/y`]) {
        expect(matches(url), url).toBe(true);
        expect(NONCE_PATH.test(url), url).toBe(true);
      }
    }
    for (const url of [
      '/',
      '/home/default',
      '/products',
      '/products/hades',
      '/categories/rpg',
      '/search?q=x',
      '/cart',
      '/api/v1/auth/me',
      '/api/auth/session',
      '/_next/static/chunks/a.js',
      '/media/covers/hades.webp',
      '/favicon.svg',
      '/accounting',
      '/payments',
      '/logins',
    ]) {
      expect(matches(url), url).toBe(false);
      expect(NONCE_PATH.test(url.split('?')[0]!), url).toBe(false);
    }
  });

  it('gives a sign-in page a fresh nonce policy, for the render and the browser, without a cookie check', async () => {
    const first = await runProxy('/login?callbackUrl=%2Fcheckout');
    const second = await runProxy('/login');
    for (const res of [first, second]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('x-middleware-next')).toBe('1');
      const policy = res.headers.get('content-security-policy')!;
      expect(getScriptNonceFromHeader(policy)).toBeTruthy();
      expect(requestPolicyOf(res)).toBe(policy);
      expect(res.headers.get('x-middleware-override-headers')).toContain('content-security-policy');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(first.headers.get('content-security-policy')).not.toBe(
      second.headers.get('content-security-policy'),
    );
  });

  it('replaces a policy the client sent, so nobody chooses the nonce Next renders with', async () => {
    const res = await runProxy('/pay/pi_sim_1', {
      headers: { 'content-security-policy': "script-src 'nonce-chosenbytheclient'" },
    });
    expect(getScriptNonceFromHeader(requestPolicyOf(res)!)).not.toBe('chosenbytheclient');
  });

  it('still sends anonymous visitors of protected pages to the login page', async () => {
    const res = await runProxy('/checkout');
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location')!).pathname).toBe('/login');
  });

  it('gives a signed-in visitor of a protected page the nonce policy after the cookie check', async () => {
    const { cookie } = await signUp('csp');
    for (const path of ['/checkout', '/account', '/library', '/orders/1']) {
      expect(SESSION_PATH.test(path)).toBe(true);
      const res = await runProxy(path, { cookie });
      expect(res.status, path).toBe(200);
      const policy = res.headers.get('content-security-policy')!;
      expect(getScriptNonceFromHeader(policy), path).toBeTruthy();
      expect(requestPolicyOf(res)).toBe(policy);
    }
  });

  it('upgrades insecure requests only in production over https', async () => {
    expect((await runProxy('/login')).headers.get('content-security-policy')).not.toContain(
      'upgrade-insecure-requests',
    );
    const previous = process.env.NODE_ENV;
    Object.assign(process.env, { NODE_ENV: 'production' });
    try {
      const res = await (proxy as unknown as ProxyFn)(
        new NextRequest('https://shop.example/login'),
        {},
      );
      expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      const plain = await (proxy as unknown as ProxyFn)(
        new NextRequest('http://shop.example/login'),
        {},
      );
      expect(plain.headers.get('content-security-policy')).not.toContain(
        'upgrade-insecure-requests',
      );
    } finally {
      Object.assign(process.env, { NODE_ENV: previous });
    }
  });
});

describe('next.config headers', () => {
  const headersFor = async (url: string, headers: Record<string, string> = {}) =>
    (await unstable_getResponseFromNextConfig({ url, nextConfig, headers })).headers;

  it('send the cached-page policy and the other security headers on every other page', async () => {
    for (const path of [
      '/',
      '/products',
      '/products/hades',
      '/search?q=x',
      '/cart',
      '/categories/rpg',
    ]) {
      const headers = await headersFor(`${ORIGIN}${path}`);
      expect(headers.get('content-security-policy'), path).toBe(contentSecurityPolicy());
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('permissions-policy')).toContain('camera=()');
      expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it('upgrade insecure requests when the request came over https', async () => {
    const headers = await headersFor(`${ORIGIN}/products/hades`, { 'x-forwarded-proto': 'https' });
    expect(headers.get('content-security-policy')).toBe(
      contentSecurityPolicy({ upgradeInsecureRequests: true }),
    );
  });

  it('carry no nonce: one cached HTML serves every shopper', async () => {
    const headers = await headersFor(`${ORIGIN}/`);
    expect(getScriptNonceFromHeader(headers.get('content-security-policy')!)).toBeUndefined();
  });
});
