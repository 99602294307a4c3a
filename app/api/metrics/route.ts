import { timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/config/env';
import { metrics } from '@/lib/metrics';

export const dynamic = 'force-dynamic';

function authorized(req: Request): boolean {
  const token = env().METRICS_TOKEN;
  if (!token) return true;
  const given = Buffer.from(req.headers.get('authorization') ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus exposition; guarded by METRICS_TOKEN when one is configured. */
export async function GET(req: Request) {
  if (!authorized(req)) return new Response('unauthorized', { status: 401 });
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
