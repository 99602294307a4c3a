import { decode, getToken } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resetEnvForTests } from '@/lib/config/env';
import {
  claimsOf,
  clearedSessionCookie,
  decodeSessionToken,
  sessionCookie,
  sessionCookieName,
  sessionTokenFromCookieHeader,
} from './cookie';

const claims = { sub: 'user-1', sid: 'S'.repeat(43), role: 'customer' as const };

function withAuthUrl(url: string | undefined) {
  if (url === undefined) delete process.env.AUTH_URL;
  else process.env.AUTH_URL = url;
  resetEnvForTests();
}

afterEach(() => withAuthUrl(undefined));

describe('the session cookie', () => {
  it('is an Auth.js JWE that Auth.js itself reads back (salt = cookie name)', async () => {
    const cookie = await sessionCookie(claims);
    expect(cookie.name).toBe('authjs.session-token');
    const payload = await decode({
      token: cookie.value,
      secret: process.env.AUTH_SECRET!,
      salt: cookie.name,
    });
    expect(payload).toMatchObject(claims);
    const viaGetToken = await getToken({
      req: new Request('http://localhost/', {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
      }),
      secret: process.env.AUTH_SECRET!,
      secureCookie: false,
    });
    expect(viaGetToken).toMatchObject(claims);
  });

  it('is httpOnly, SameSite=Lax, site-wide and lasts the absolute session lifetime', async () => {
    const { options } = await sessionCookie(claims);
    expect(options).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: false,
      maxAge: 30 * 24 * 3600,
    });
  });

  it('becomes a __Secure- cookie with the Secure flag when the site is served over https', async () => {
    withAuthUrl('https://shop.example');
    const cookie = await sessionCookie(claims);
    expect(cookie.name).toBe('__Secure-authjs.session-token');
    expect(cookie.options.secure).toBe(true);
    expect(sessionCookieName()).toBe('__Secure-authjs.session-token');
    expect(await decodeSessionToken(cookie.value)).toEqual(claims);
  });

  it('decodes to the claims, and to null when tampered with, foreign or empty', async () => {
    const { value } = await sessionCookie(claims);
    expect(await decodeSessionToken(value)).toEqual(claims);
    const tampered = `${value.slice(0, -4)}${value.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(await decodeSessionToken(tampered)).toBeNull();
    expect(await decodeSessionToken('not-a-jwt')).toBeNull();
    expect(await decodeSessionToken(undefined)).toBeNull();
  });

  it('stops accepting a remembered token once it expires, and under another secret', async () => {
    const { value } = await sessionCookie(claims);
    expect(await decodeSessionToken(value)).toEqual(claims);
    const maxAgeMs = Number(process.env.SESSION_MAX_AGE_SECONDS ?? 30 * 24 * 3600) * 1000;
    vi.useFakeTimers({ now: Date.now() + maxAgeMs + 60_000, toFake: ['Date'] });
    try {
      expect(await decodeSessionToken(value)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
    const fresh = await sessionCookie(claims);
    expect(await decodeSessionToken(fresh.value)).toEqual(claims);
    const secret = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = 'another-secret-0123456789abcdef0123456789';
    resetEnvForTests();
    try {
      expect(await decodeSessionToken(fresh.value)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = secret;
      resetEnvForTests();
    }
  });

  it('demands every claim with the right type', () => {
    expect(claimsOf({ ...claims })).toEqual(claims);
    expect(claimsOf({ sub: 'u', sid: 's' })).toBeNull();
    expect(claimsOf({ ...claims, role: 'superuser' })).toBeNull();
    expect(claimsOf(null)).toBeNull();
  });

  it('is found by name in a Cookie header among others', () => {
    expect(sessionTokenFromCookieHeader('a=1; authjs.session-token=abc%3D; b=2')).toBe('abc=');
    expect(sessionTokenFromCookieHeader('authjs.session-token.0=abc')).toBeUndefined();
    expect(sessionTokenFromCookieHeader(null)).toBeUndefined();
  });

  it('is cleared with an empty value that expired long ago', () => {
    const cleared = clearedSessionCookie();
    expect(cleared.value).toBe('');
    expect(cleared.options.maxAge).toBe(0);
    expect(cleared.options.expires?.getTime()).toBe(0);
  });
});
