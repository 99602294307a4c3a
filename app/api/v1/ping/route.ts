import { NextResponse } from 'next/server';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/** The cheapest JSON route: the benchmark's baseline and a liveness probe for load balancers. */
export const GET = route({ auth: 'none' }, async () => NextResponse.json({ ok: true }));
