import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { GET as healthRoute } from '@/app/api/health/route';

const GET = () =>
  healthRoute(new NextRequest('http://localhost:3000/api/health'), { params: Promise.resolve({}) });
import { createRedisKv, createUpstashKv, resetKvForTests } from '@/lib/kv';

afterEach(() => resetKvForTests());

type HealthBody = {
  status: string;
  database: { ok: boolean; kind: string };
  redis: { ok: boolean; kind: string };
};

describe('GET /api/health', () => {
  it('reports PostgreSQL and Redis up', async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as HealthBody;
    expect(body.status).toBe('ok');
    expect(body.database).toMatchObject({ ok: true, kind: 'postgres' });
    expect(body.redis).toMatchObject({ ok: true, kind: 'redis' });
  });

  it('stays 200 but says degraded when Redis is down, because the shop still works from PostgreSQL', async () => {
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:9', token: 'unreachable', timeoutMs: 200 }),
    });
    const res = await GET();
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthBody;
    expect(body.status).toBe('degraded');
    expect(body.database.ok).toBe(true);
    expect(body.redis.ok).toBe(false);
    // Nothing about where Redis lives leaks out of the public endpoint.
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|token|fetch failed/i);
  });
});

describe('GET /api/health with the native Redis adapter down', () => {
  it('says degraded without showing where Redis lives', async () => {
    const kv = createRedisKv({ url: 'redis://127.0.0.1:9' });
    resetKvForTests({ kv });
    try {
      const body = (await (await GET()).json()) as HealthBody;
      expect(body.status).toBe('degraded');
      expect(body.redis).toMatchObject({ ok: false, kind: 'redis' });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connection/i);
    } finally {
      await kv.close();
    }
  });
});

describe('GET /api/health with PostgreSQL down', () => {
  it('answers 503 "down" without showing where the database lives', async () => {
    const { closeDb } = await import('@/db/client');
    const { resetEnvForTests } = await import('@/lib/config/env');
    const realUrl = process.env.DATABASE_URL;
    await closeDb();
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:9/nowhere';
    resetEnvForTests();
    try {
      const res = await GET();
      expect(res.status).toBe(503);
      const body = (await res.json()) as HealthBody;
      expect(body.status).toBe('down');
      expect(body.database.ok).toBe(false);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|nowhere|ECONNREFUSED/);
    } finally {
      await closeDb();
      process.env.DATABASE_URL = realUrl;
      resetEnvForTests();
    }
  });
});
