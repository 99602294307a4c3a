import { NextResponse } from 'next/server';
import { route } from '@/lib/api/handler';
import { openApiDocument } from '@/lib/api/openapi';
import { env } from '@/lib/config/env';

export const dynamic = 'force-dynamic';

export const GET = route({ auth: 'none' }, async () =>
  NextResponse.json(openApiDocument(env().AUTH_URL), {
    headers: { 'cache-control': 'public, max-age=300' },
  }),
);
