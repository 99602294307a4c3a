import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

describe('the proxy matcher', () => {
  const matches = (url: string) => unstable_doesMiddlewareMatch({ config, url });

  it('runs for every protected page and its subpaths', () => {
    for (const url of [
      '/account',
      '/account/sessions',
      '/checkout',
      '/checkout/pay',
      '/orders/abc',
      '/admin',
      '/admin/users/1',
    ]) {
      expect(matches(url), url).toBe(true);
    }
  });

  // The sign-in pages pass through the proxy for their CSP nonce only (tests/foundation/csp.test.ts).
  it('never runs for the catalog, the API, _next or static files', () => {
    for (const url of [
      '/',
      '/games/hades',
      '/search?q=x',
      '/api/v1/auth/me',
      '/api/v1/admin/ping',
      '/api/auth/session',
      '/_next/static/chunks/a.js',
      '/favicon.ico',
      '/media/covers/hades.webp',
      '/accounting',
    ]) {
      expect(matches(url), url).toBe(false);
    }
  });
});
