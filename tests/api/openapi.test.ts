import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routeFiles(path);
    return name === 'route.ts' ? [path] : [];
  });
}

/** `app/api/v1/orders/[id]/cancel/route.ts` → `/api/v1/orders/{id}/cancel` */
function apiPathOf(file: string): string {
  const dir = relative('app', file).replace(/\/route\.ts$/, '');
  return `/${dir.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, '{$1}')}`;
}

describe('the OpenAPI document', () => {
  const doc = openApiDocument('http://127.0.0.1:3000');

  it('documents every route under /api/v1', () => {
    const undocumented = routeFiles('app/api/v1')
      .map(apiPathOf)
      .filter((path) => path !== '/api/v1/openapi.json' && !(path in doc.paths));
    expect(undocumented).toEqual([]);
  });

  it('resolves every schema reference it uses', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map(
      (m) => m[1]!,
    );
    const missing = [...new Set(refs)].filter((name) => !(name in doc.components.schemas));
    expect(refs.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('is served as JSON at /api/v1/openapi.json', async () => {
    const { GET } = await import('@/app/api/v1/openapi.json/route');
    const res = await GET(new NextRequest('http://localhost:3000/api/v1/openapi.json'), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/api/v1/products');
  });
});
