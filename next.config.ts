import path from 'node:path';
import type { NextConfig } from 'next';
import { contentSecurityPolicy } from './lib/http/csp';

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // No window of another origin keeps a handle on ours (the shop opens no cross-origin popups).
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// Evaluated by `next build` (production) or `next dev`; `next start` serves what the build wrote.
const dev = process.env.NODE_ENV === 'development';

/**
 * The cached-page policy (lib/http/csp.ts) on every response. proxy.ts replaces it with the nonce
 * policy on the pages it runs for; were both ever sent, a browser enforces both, which is still
 * the nonce policy's strictness and still works.
 */
const cspHeaders = [
  {
    source: '/:path*',
    headers: [{ key: 'Content-Security-Policy', value: contentSecurityPolicy({ dev }) }],
  },
  // Served over https (Vercel, or nginx passing X-Forwarded-Proto): a later rule wins the header.
  ...(dev
    ? []
    : [
        {
          source: '/:path*',
          has: [{ type: 'header' as const, key: 'x-forwarded-proto', value: 'https' }],
          headers: [
            {
              key: 'Content-Security-Policy',
              value: contentSecurityPolicy({ upgradeInsecureRequests: true }),
            },
          ],
        },
      ]),
];

const nextConfig: NextConfig = {
  // Docker images build with NEXT_OUTPUT=standalone; `next start` serves the regular output.
  output: process.env.NEXT_OUTPUT === 'standalone' ? 'standalone' : undefined,
  poweredByHeader: false,
  // Compressing every response costs the server more CPU than serving a cached one. Behind a
  // proxy or CDN that compresses (deploy/nginx.conf, Vercel), set COMPRESS=false at start.
  compress: process.env.COMPRESS !== 'false',
  // Rendered catalog pages are kept in Redis, shared by every instance (see cache-handler.mjs).
  cacheHandler: path.resolve(process.cwd(), 'cache-handler.mjs'),
  cacheMaxMemorySize: 0,
  // `npm run typecheck` checks the whole tree (tests included) before every build in CI; the
  // build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time: WASM Postgres, worker pools and native-ish modules do
  // not survive bundling.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'piscina',
    'bcryptjs',
    'pino',
    'ioredis',
    'nodemailer',
    'postgres',
  ],
  outputFileTracingIncludes: {
    '/**': ['./workers/**/*', './drizzle/**/*'],
  },
  // `forbidden()` (next/navigation): /forbidden renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  images: {
    dangerouslyAllowSVG: false,
    remotePatterns: [],
  },
  async rewrites() {
    // The home page is incremental (see app/home/[edition]/page.tsx).
    return {
      beforeFiles: [{ source: '/', destination: '/home/default' }],
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }, ...cspHeaders];
  },
};

export default nextConfig;
