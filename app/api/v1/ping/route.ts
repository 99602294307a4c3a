import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/** The cheapest JSON route: the benchmark's baseline and a liveness probe for load balancers. */
export function GET() {
  return NextResponse.json({ ok: true });
}
