import { NextResponse } from 'next/server';
import { openApiDocument } from '@/lib/api/openapi';
import { env } from '@/lib/config/env';

export const dynamic = 'force-dynamic';

export function GET() {
  return NextResponse.json(openApiDocument(env().AUTH_URL), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
