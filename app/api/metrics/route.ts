import { timingSafeEqual } from 'node:crypto';
import { route } from '@/lib/api/handler';
import { env } from '@/lib/config/env';
import { metrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

/**
 * With METRICS_TOKEN set, only `Authorization: Bearer <token>` is let in. Without one the endpoint
 * is open in development, and in production only when METRICS_PUBLIC=true says so (start-up
 * refuses the other case; this keeps it closed should a process get past that check).
 */
function authorized(req: Request): boolean {
  const { METRICS_TOKEN: token, METRICS_PUBLIC, NODE_ENV } = env();
  if (!token) return METRICS_PUBLIC || NODE_ENV !== 'production';
  const given = Buffer.from(req.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus exposition for the scraper: no session, METRICS_TOKEN is the proof. */
export const GET = route({ auth: 'none' }, async ({ req }) => {
  if (!authorized(req)) {
    return new Response('unauthorized', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="metrics"', 'cache-control': 'no-store' },
    });
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
});
