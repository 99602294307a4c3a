import NextAuth from 'next-auth';
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { authConfig } from './auth.config';
import { SESSION_PATH, contentSecurityPolicy, createNonce } from './lib/http/csp';

const { auth } = NextAuth(authConfig);

/**
 * A fresh nonce per request, in the CSP Next reads from the request (it puts the nonce on every
 * script it renders) and in the one the browser enforces. Only pages rendered per request come
 * here: a cached page would keep one visitor's nonce for everyone.
 */
function withNoncePolicy(request: NextRequest): NextResponse {
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    dev: process.env.NODE_ENV === 'development',
    upgradeInsecureRequests:
      process.env.NODE_ENV === 'production' && request.nextUrl.protocol === 'https:',
  });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

// Auth.js runs `authorized` (auth.config.ts) first: anonymous visitors of protected pages get its
// redirect to /login; everyone else reaches the nonce.
const checkSessionThenNonce = auth((request) => withNoncePolicy(request));

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response | void> {
  // The sign-in, payment and gift pages need the nonce but no cookie check.
  if (!SESSION_PATH.test(request.nextUrl.pathname)) return withNoncePolicy(request);
  return checkSessionThenNonce(request, event as never);
}

export const config = {
  // Only the pages rendered per request that need a nonce (lib/http/csp.ts NONCE_SECTIONS) or a
  // session: the catalog, cached pages, the API, _next and static files never pay for the proxy.
  // The cookie check runs only on the session pages (SESSION_SECTIONS).
  matcher: [
    '/account/:path*',
    '/checkout/:path*',
    '/orders/:path*',
    '/library/:path*',
    '/admin/:path*',
    '/login/:path*',
    '/register/:path*',
    '/forgot-password/:path*',
    '/reset-password/:path*',
    '/forbidden/:path*',
    '/pay/:path*',
    '/gifts/:path*',
  ],
};
