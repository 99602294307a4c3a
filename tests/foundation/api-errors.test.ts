import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJson, parseOptionalJson, parseQuery, route } from '@/lib/api/handler';
import { ConflictError, RateLimitedError } from '@/lib/errors';

const schema = z.object({ name: z.string().min(1), quantity: z.number().int().positive() });
const echo = route({ auth: 'none' }, async ({ req }) =>
  Response.json(await parseJson(req, schema)),
);

const post = (
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) =>
  echo(new NextRequest('http://localhost:3000/api/v1/echo', { method: 'POST', body, headers }), {
    params: Promise.resolve({}),
  });

describe('the API error mapping', () => {
  it('answers bad fields with 400, a clear message and the field errors', async () => {
    const res = await post(JSON.stringify({ name: '', quantity: -1 }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; fields: Record<string, string[]> };
    };
    expect(body.error.code).toBe('validation');
    expect(Object.keys(body.error.fields).sort()).toEqual(['name', 'quantity']);
  });

  it('answers a body that is not JSON with 400, not 500', async () => {
    const res = await post('{"name": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
  });

  it('refuses a form post with 415 and a cross-site JSON post with 403', async () => {
    expect(
      (await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' })).status,
    ).toBe(415);
    const cross = await post(JSON.stringify({ name: 'x', quantity: 1 }), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    expect(cross.status).toBe(403);
  });

  it('maps domain errors to their status and Retry-After, and hides unexpected ones', async () => {
    const conflict = await route({ auth: 'none' }, async () => {
      throw new ConflictError('Only 1 left.');
    })(new NextRequest('http://localhost:3000/x'), { params: Promise.resolve({}) });
    expect(conflict.status).toBe(409);

    const limited = await route({ auth: 'none' }, async () => {
      throw new RateLimitedError(12.2);
    })(new NextRequest('http://localhost:3000/x'), { params: Promise.resolve({}) });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('13');

    const crash = await route({ auth: 'none' }, async () => {
      throw new Error('connection string postgres://secret@db');
    })(new NextRequest('http://localhost:3000/x', { headers: { 'x-request-id': 'req-1' } }), {
      params: Promise.resolve({}),
    });
    expect(crash.status).toBe(500);
    expect(crash.headers.get('x-request-id')).toBe('req-1');
    const text = await crash.text();
    expect(text).not.toMatch(/secret|stack|Error:/);
  });

  it('validates query parameters, keeping repeated keys', () => {
    const req = new NextRequest('http://localhost:3000/x?tag=a&tag=b&page=2');
    const q = parseQuery(req, z.object({ tag: z.array(z.string()), page: z.coerce.number() }));
    expect(q).toEqual({ tag: ['a', 'b'], page: 2 });
    expect(() =>
      parseQuery(
        new NextRequest('http://localhost:3000/x?page=x'),
        z.object({ page: z.coerce.number() }),
      ),
    ).toThrow(/query parameters/);
  });
});

describe('an optional JSON body', () => {
  const reason = z.object({ reason: z.string().max(5).optional().default('') });
  const call = (init: { body?: string; headers?: Record<string, string> }) =>
    parseOptionalJson(
      new NextRequest('http://localhost:3000/x', { method: 'POST', ...init }),
      reason,
    );

  it('validates an empty body as no fields', async () => {
    await expect(call({})).resolves.toEqual({ reason: '' });
  });

  it('holds a body that is there to the JSON rules', async () => {
    await expect(
      call({ body: '{"reason":"ok"}', headers: { 'content-type': 'application/json' } }),
    ).resolves.toEqual({ reason: 'ok' });
    await expect(
      call({ body: 'reason=x', headers: { 'content-type': 'text/plain' } }),
    ).rejects.toMatchObject({ status: 415 });
    await expect(
      call({ body: '{"reason":"far too long"}', headers: { 'content-type': 'application/json' } }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('refuses another site even without a body', async () => {
    await expect(call({ headers: { origin: 'https://evil.example' } })).rejects.toMatchObject({
      status: 403,
    });
  });
});
