import type { NextAuthConfig } from 'next-auth';
import { NextResponse } from 'next/server';
import { authSecretIfSet, secureCookies } from '@/lib/auth/cookie';
import { env } from '@/lib/config/env';

/** Cookies that fail to decode or wrong passwords are everyday events, not server errors. */
const EXPECTED_AUTH_ERRORS = new Set(['JWTSessionError', 'CredentialsSignin']);

/** Pages that need a signed-in visitor; the proxy sends everyone else to the login page. */
export const PROTECTED_PATH = /^\/(account|checkout|orders|admin)(\/|$)/;

/**
 * The cheap half of the Auth.js configuration, safe for the proxy: no database, no Redis. It only
 * proves the cookie is ours and unexpired; whether the session is still alive (and the role) is
 * decided by lib/auth on every protected page, action and route.
 */
export const authConfig = {
  trustHost: true,
  secret: authSecretIfSet(),
  useSecureCookies: secureCookies(),
  session: { strategy: 'jwt', maxAge: env().SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [],
  // One JSON line like the rest of the logs (this file stays free of server-only imports).
  logger: {
    error(error) {
      if (EXPECTED_AUTH_ERRORS.has(error.name)) return;
      console.error(
        JSON.stringify({
          level: 50,
          service: 'arcade',
          msg: 'auth.js error',
          name: error.name,
          message: error.message,
        }),
      );
    },
    warn(code) {
      console.warn(JSON.stringify({ level: 40, service: 'arcade', msg: 'auth.js warning', code }));
    },
    debug() {},
  },
  callbacks: {
    authorized({ auth, request }) {
      if (auth || !PROTECTED_PATH.test(request.nextUrl.pathname)) return true;
      const login = new URL('/login', request.nextUrl);
      login.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
      return NextResponse.redirect(login);
    },
  },
} satisfies NextAuthConfig;
