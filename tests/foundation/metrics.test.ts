import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/metrics/route';
import { EnvError, parseEnv, resetEnvForTests } from '@/lib/config/env';
import { checkStartEnvironment } from '@/lib/server/startup';

const TOKEN = 'metrics-token-0123456789abcdef';
const production = {
  NODE_ENV: 'production',
  AUTH_SECRET: 'a-production-auth-secret-0123456789abcdef',
  KEY_VAULT_KEY: 'ZTJlLXZhdWx0LWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=',
};

function refusal(raw: Record<string, string>): EnvError | null {
  try {
    checkStartEnvironment(parseEnv(raw));
    return null;
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
}

const saved = { ...process.env };
function withEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

afterEach(() => {
  for (const k of ['METRICS_TOKEN', 'METRICS_PUBLIC', 'NODE_ENV']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvForTests();
});

const scrape = (authorization?: string) =>
  GET(
    new NextRequest('http://localhost:3000/api/metrics', {
      headers: authorization ? { authorization } : {},
    }),
    { params: Promise.resolve({}) },
  );

describe('starting in production', () => {
  it('refuses to start without METRICS_TOKEN, naming the variable', () => {
    const err = refusal(production);
    expect(err?.variables).toEqual(['METRICS_TOKEN']);
    expect(err?.message).toMatch(/METRICS_TOKEN: required in production/);
    expect(err?.message).toMatch(/METRICS_PUBLIC=true/);
  });

  it('starts with a METRICS_TOKEN, or with METRICS_PUBLIC=true set on purpose', () => {
    expect(refusal({ ...production, METRICS_TOKEN: TOKEN })).toBeNull();
    expect(refusal({ ...production, METRICS_PUBLIC: 'true' })).toBeNull();
    expect(refusal({ ...production, METRICS_PUBLIC: 'false' })?.variables).toEqual([
      'METRICS_TOKEN',
    ]);
  });

  it('asks nothing of development, where the metrics stay open', () => {
    expect(refusal({ AUTH_SECRET: production.AUTH_SECRET })).toBeNull();
  });
});

describe('GET /api/metrics', () => {
  it('answers 401 without the bearer token or with a wrong one', async () => {
    withEnv({ METRICS_TOKEN: TOKEN });
    for (const header of [
      undefined,
      `Bearer ${TOKEN}x`,
      'Bearer wrong-token-0123456789abcdef',
      TOKEN,
      `Basic ${TOKEN}`,
    ]) {
      const res = await scrape(header);
      expect(res.status, String(header)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.text()).not.toMatch(/arcade_/);
    }
  });

  it('serves the Prometheus text to the holder of the token', async () => {
    withEnv({ METRICS_TOKEN: TOKEN });
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toMatch(/arcade_db_queries_total/);
  });

  it('stays closed in production without a token unless METRICS_PUBLIC=true', async () => {
    withEnv({ NODE_ENV: 'production', METRICS_TOKEN: undefined, METRICS_PUBLIC: undefined });
    expect((await scrape()).status).toBe(401);
    withEnv({ METRICS_PUBLIC: 'true' });
    expect((await scrape()).status).toBe(200);
  });
});
