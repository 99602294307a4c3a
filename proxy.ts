import NextAuth from 'next-auth';
import { authConfig } from './auth.config';

// Next 16 accepts this export form only (see the notes on Auth.js in the proxy).
const { auth } = NextAuth(authConfig);
export { auth as proxy };

export const config = {
  // Only the pages that need a session: the catalog, the API, _next and static files never pay
  // for a cookie check here.
  matcher: ['/account/:path*', '/checkout/:path*', '/orders/:path*', '/library/:path*', '/admin/:path*'],
};
