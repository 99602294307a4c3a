import { NextResponse } from 'next/server';
import { route } from '@/lib/api/handler';
import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** 200 while the database answers (Redis down is reported as degraded); 503 otherwise. */
export const GET = route({ auth: 'none' }, async () => {
  const health = await checkHealth();
  const down = health.status === 'down';
  return NextResponse.json(health, {
    status: down ? 503 : 200,
    headers: { 'cache-control': 'no-store', ...(down ? { 'retry-after': '2' } : {}) },
  });
});
