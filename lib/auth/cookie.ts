// No 'server-only' here: the proxy imports this (through auth.config.ts), and it holds no secret
// itself; it only reads AUTH_SECRET from the server's environment.
import { decode, encode } from 'next-auth/jwt';
import { env } from '@/lib/config/env';

/**
 * The one session cookie format, shared by Auth.js (proxy, /api/auth/*) and our own pages and JSON
 * API: an Auth.js JWE with salt = cookie name, carrying the user id, the server-side session id and
 * the role. The server-side session decides whether it is still alive; the cookie only names it.
 */
export type SessionClaims = { sub: string; sid: string; role: 'customer' | 'admin' };

const BASE_NAME = 'authjs.session-token';

// Only for `next dev` and tests without configuration: production refuses to start without one.
const DEV_SECRET = 'arcade-development-secret-not-for-production-use';

/** Secure cookies exactly when the public URL is https (a Secure cookie is never sent over http). */
export function secureCookies(): boolean {
  return env().AUTH_URL.startsWith('https://');
}

export function sessionCookieName(): string {
  return secureCookies() ? `__Secure-${BASE_NAME}` : BASE_NAME;
}

/** The signing secret, or undefined in production when it is missing (Auth.js then names it). */
export function authSecretIfSet(): string | undefined {
  const { AUTH_SECRET, NODE_ENV } = env();
  return AUTH_SECRET ?? (NODE_ENV === 'production' ? undefined : DEV_SECRET);
}

function authSecret(): string {
  const secret = authSecretIfSet();
  if (!secret) throw new Error('AUTH_SECRET is not set: sessions cannot be signed.');
  return secret;
}

export type CookieToSet = {
  name: string;
  value: string;
  options: {
    httpOnly: true;
    sameSite: 'lax';
    path: '/';
    secure: boolean;
    maxAge: number;
    expires?: Date;
  };
};

function cookieOptions(maxAge: number): CookieToSet['options'] {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: secureCookies(),
    maxAge,
    expires: new Date(Date.now() + maxAge * 1000),
  };
}

/** A freshly minted session cookie, valid as long as the session's absolute lifetime. */
export async function sessionCookie(claims: SessionClaims): Promise<CookieToSet> {
  const maxAge = env().SESSION_MAX_AGE_SECONDS;
  const name = sessionCookieName();
  const value = await encode({ token: { ...claims }, secret: authSecret(), salt: name, maxAge });
  // The instance that signs a shopper in reads their cookie next: it need not decrypt it.
  remember(value, claims, Date.now() + maxAge * 1000);
  return { name, value, options: cookieOptions(maxAge) };
}

export function clearedSessionCookie(): CookieToSet {
  return {
    name: sessionCookieName(),
    value: '',
    options: { ...cookieOptions(0), expires: new Date(0) },
  };
}

/** Tokens this process has already decrypted, with their expiry (ms); bounded, oldest first out. */
const decoded = new Map<string, { claims: SessionClaims; expiresAt: number }>();
const DECODED_MAX = 20_000;
let decodedFor = '';

/** Tokens remembered under another secret or cookie name are not vouched for by this one. */
function forgetOtherSecrets(): void {
  const current = `${sessionCookieName()}\0${authSecret()}`;
  if (decodedFor === current) return;
  decoded.clear();
  decodedFor = current;
}

function remember(token: string, claims: SessionClaims, expiresAt: number): void {
  forgetOtherSecrets();
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  // Frozen: every request holding this token shares the object.
  decoded.set(token, { claims: Object.freeze({ ...claims }), expiresAt });
}

/**
 * The claims of a session cookie value, or null for anything forged, expired or malformed.
 * Decrypting a token derives its key (HKDF) and decrypts the JWE: about half a millisecond of CPU
 * on every signed-in request. A token never changes, so a genuine one is decrypted once per
 * process and remembered until it expires; what is alive is still decided by the session check.
 */
export async function decodeSessionToken(
  value: string | undefined | null,
): Promise<SessionClaims | null> {
  if (!value) return null;
  const secret = authSecret();
  const salt = sessionCookieName();
  forgetOtherSecrets();
  const known = decoded.get(value);
  if (known) {
    if (known.expiresAt > Date.now()) return known.claims;
    decoded.delete(value);
    return null;
  }
  try {
    const payload = await decode({ token: value, secret, salt });
    const claims = claimsOf(payload);
    const exp = typeof payload?.exp === 'number' ? payload.exp * 1000 : 0;
    // Only genuine tokens are remembered: forged ones cannot crowd them out.
    if (claims && exp > Date.now()) remember(value, claims, exp);
    return claims;
  } catch {
    return null;
  }
}

export function claimsOf(
  payload: Record<string, unknown> | null | undefined,
): SessionClaims | null {
  if (!payload) return null;
  const { sub, sid, role } = payload;
  if (
    typeof sub !== 'string' ||
    typeof sid !== 'string' ||
    (role !== 'customer' && role !== 'admin')
  )
    return null;
  return { sub, sid, role };
}

/** The session cookie's value from a Cookie header (the one Auth.js would read). */
export function sessionTokenFromCookieHeader(
  header: string | null | undefined,
): string | undefined {
  if (!header) return undefined;
  const name = sessionCookieName();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
