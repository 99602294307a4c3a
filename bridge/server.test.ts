import { randomUUID } from 'node:crypto';
import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createBridge, type Bridge } from './server';

const TOKEN = 'bridge-test-token';
const MAX_BODY_BYTES = 64 * 1024;

let bridge: Bridge;
let url: string;
let direct: IORedis;
let prefix = '';
const key = (name: string) => `${prefix}:${name}`;

/** A client configured as the app's, but talking to this file's own bridge. */
const client = (options: Partial<RedisConfigNodejs> = {}) =>
  new Redis({ url, token: TOKEN, enableTelemetry: false, retry: false, ...options });

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

beforeAll(async () => {
  bridge = createBridge({
    redisUrl: inject('redisUrl'),
    token: TOKEN,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  ({ url } = await bridge.listen(0, '127.0.0.1'));
  direct = new IORedis(inject('redisUrl'), { lazyConnect: true });
  await direct.connect();
});

beforeEach(() => {
  prefix = `bridge-test:${randomUUID()}`;
});

afterAll(async () => {
  const keys = await direct.keys('bridge-test:*');
  if (keys.length > 0) await direct.del(...keys);
  direct.disconnect();
  await bridge.close();
});

describe('the REST bridge, through @upstash/redis', () => {
  it('round-trips unicode and binary-ish strings with the default base64 encoding', async () => {
    const redis = client({ automaticDeserialization: false });
    const values = [
      'héllo · 日本語 · 🎮👾',
      '\u0000\u0001\u001f\u007f',
      'OK',
      '',
      'T0s=',
      'tab\tnew\nline "q" \\',
    ];
    for (const [i, value] of values.entries()) await redis.set(key(`s${i}`), value);
    for (const [i, value] of values.entries()) expect(await redis.get(key(`s${i}`))).toBe(value);
    // Inside arrays every string is encoded, "OK" included.
    expect(await redis.mget(...values.map((_, i) => key(`s${i}`)), key('missing'))).toStrictEqual([
      ...values,
      null,
    ]);
  });

  it('serves the client with base64 turned off as plain UTF-8', async () => {
    const redis = client({ responseEncoding: false, automaticDeserialization: false });
    await redis.set(key('plain'), 'ünïcødé ✓');
    expect(await redis.get(key('plain'))).toBe('ünïcødé ✓');
    expect(await redis.incr(key('n'))).toBe(1);
  });

  it('answers explicit pipelines in order, keeping errors in place', async () => {
    const redis = client({ automaticDeserialization: false });
    const results = await redis
      .pipeline()
      .set(key('text'), 'abc')
      .incr(key('text'))
      .get(key('text'))
      .zadd(key('z'), { score: 1.5, member: 'm' })
      .zrange(key('z'), 0, -1, { withScores: true })
      .exec({ keepErrors: true });
    expect(results).toStrictEqual([
      { result: 'OK', error: undefined },
      { result: undefined, error: 'ERR value is not an integer or out of range' },
      { result: 'abc', error: undefined },
      { result: 1, error: undefined },
      { result: ['m', '1.5'], error: undefined },
    ]);
  });

  it('keeps reply shapes the client parses itself, such as HGETALL as a flat array', async () => {
    const redis = client();
    await redis.hset(key('h'), { title: 'Celeste', price: 1999 });
    expect(await redis.hgetall(key('h'))).toStrictEqual({ title: 'Celeste', price: 1999 });
  });

  it('runs multi-exec transactions and reports runtime errors per command', async () => {
    const redis = client({ automaticDeserialization: false });
    await redis.set(key('text'), 'abc');
    const results = await redis
      .multi()
      .incr(key('a'))
      .incr(key('text'))
      .incr(key('b'))
      .exec({ keepErrors: true });
    expect(results.map((r) => r.error ?? r.result)).toStrictEqual([
      1,
      'ERR value is not an integer or out of range',
      1,
    ]);
    await expect(redis.multi().incr(key('text')).exec()).rejects.toThrow(
      /Command 1 \[ incr \] failed/,
    );
  });

  it('wraps multi-exec in MULTI/EXEC so Redis applies the commands as one', async () => {
    const monitor = await direct.duplicate().monitor();
    const seen: Array<{ source: string; command: string }> = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      seen.push({ source, command: [args[0]!.toUpperCase(), ...args.slice(1)].join(' ') });
    });
    await client({ automaticDeserialization: false }).multi().incr(key('a')).incr(key('b')).exec();
    await new Promise((resolve) => setTimeout(resolve, 50));
    monitor.disconnect();
    const bridgeSource = seen.find((s) => s.command === `INCR ${key('a')}`)?.source;
    const fromBridge = seen.filter((s) => s.source === bridgeSource).map((s) => s.command);
    expect(fromBridge).toStrictEqual(['MULTI', `INCR ${key('a')}`, `INCR ${key('b')}`, 'EXEC']);
    expect(await direct.mget(key('a'), key('b'))).toStrictEqual(['1', '1']);
  });

  it('surfaces a Redis error as an Upstash error, whether auto-pipelined or sent alone', async () => {
    await client().set(key('text'), 'abc');
    await expect(client().incr(key('text'))).rejects.toThrow(
      'ERR value is not an integer or out of range',
    );
    await expect(client({ enableAutoPipelining: false }).incr(key('text'))).rejects.toThrow(
      /^ERR value is not an integer or out of range, command was/,
    );
  });

  it('rejects a client with the wrong token', async () => {
    const redis = new Redis({ url, token: 'wrong-token', enableTelemetry: false, retry: false });
    await expect(redis.get(key('x'))).rejects.toThrow(/Unauthorized/);
  });
});

describe('the REST bridge, on the wire', () => {
  it('base64-encodes every string but a top-level OK, and passes numbers and null through', async () => {
    const base64 = { 'Upstash-Encoding': 'base64' };
    expect(await post('/', ['SET', key('k'), 'héllo'], base64)).toStrictEqual({
      status: 200,
      body: { result: 'OK' },
    });
    expect(await post('/', ['GET', key('k')], base64)).toStrictEqual({
      status: 200,
      body: { result: b64('héllo') },
    });
    expect(await post('/', ['GET', key('missing')], base64)).toStrictEqual({
      status: 200,
      body: { result: null },
    });
    expect(await post('/', ['INCR', key('n')], base64)).toStrictEqual({
      status: 200,
      body: { result: 1 },
    });
    expect(
      await post(
        '/pipeline',
        [
          ['SET', key('ok'), 'OK'],
          ['MGET', key('ok'), key('k'), key('missing')],
          ['EXISTS', key('k')],
        ],
        base64,
      ),
    ).toStrictEqual({
      status: 200,
      body: [{ result: 'OK' }, { result: [b64('OK'), b64('héllo'), null] }, { result: 1 }],
    });
  });

  it('answers plain JSON strings without the encoding header and accepts numeric arguments', async () => {
    expect(await post('/', ['SET', key('k'), 12.5, 'EX', 60])).toStrictEqual({
      status: 200,
      body: { result: 'OK' },
    });
    expect(await post('/', ['GET', key('k')])).toStrictEqual({
      status: 200,
      body: { result: '12.5' },
    });
    expect(await post('/', ['TTL', key('k')])).toMatchObject({
      status: 200,
      body: { result: expect.any(Number) },
    });
  });

  it('passes bytes that are not UTF-8 through base64 untouched', async () => {
    const bytes = Buffer.from([0xff, 0x00, 0xfe, 0x80, 0xc3]);
    await direct.set(key('bin'), bytes);
    const { body } = await post('/', ['GET', key('bin')], { 'Upstash-Encoding': 'base64' });
    expect(body).toStrictEqual({ result: bytes.toString('base64') });
  });

  it('answers a pipeline with one result or error per command', async () => {
    expect(
      await post('/pipeline', [
        ['SET', key('t'), 'abc'],
        ['INCR', key('t')],
        ['GET', key('t')],
      ]),
    ).toStrictEqual({
      status: 200,
      body: [
        { result: 'OK' },
        { error: 'ERR value is not an integer or out of range' },
        { result: 'abc' },
      ],
    });
  });

  it('discards a whole multi-exec when a command cannot even be queued', async () => {
    const res = await post('/multi-exec', [
      ['SET', key('never'), '1'],
      ['NOSUCHCOMMAND', key('x')],
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toStrictEqual({
      error: expect.stringMatching(/^EXECABORT .*unknown command/),
    });
    expect(await direct.exists(key('never'))).toBe(0);
  });

  it('answers a Redis error on a single command with 400 and the Redis message', async () => {
    await post('/', ['SET', key('t'), 'abc']);
    expect(await post('/', ['INCR', key('t')])).toStrictEqual({
      status: 400,
      body: { error: 'ERR value is not an integer or out of range' },
    });
  });

  it('refuses commands that would take over or block the shared connection, and keeps serving', async () => {
    for (const command of [
      ['SUBSCRIBE', 'ch'],
      ['SELECT', '2'],
      ['BLPOP', key('l'), '0'],
      ['MULTI'],
      ['CLIENT', 'REPLY', 'OFF'],
    ]) {
      expect(await post('/', command)).toStrictEqual({
        status: 400,
        body: { error: `ERR Command is not available: '${command[0]!.toLowerCase()}'` },
      });
    }
    expect(await post('/pipeline', [['PING'], ['MONITOR']])).toStrictEqual({
      status: 200,
      body: [{ result: 'PONG' }, { error: "ERR Command is not available: 'monitor'" }],
    });
    expect(await post('/', ['PING'])).toStrictEqual({ status: 200, body: { result: 'PONG' } });
  });

  it('accepts and ignores the upstash-sync-token header', async () => {
    expect(await post('/', ['PING'], { 'upstash-sync-token': 'anything' })).toStrictEqual({
      status: 200,
      body: { result: 'PONG' },
    });
  });

  it('answers 401 to a wrong or missing token', async () => {
    expect(await post('/', ['PING'], { Authorization: 'Bearer not-the-token' })).toMatchObject({
      status: 401,
      body: { error: expect.stringMatching(/Unauthorized/) },
    });
    const missing = await fetch(`${url}/`, { method: 'POST', body: '["PING"]' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toStrictEqual({ error: expect.stringMatching(/Unauthorized/) });
    expect((await post('/', ['PING'], { Authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('answers 400 to malformed JSON and to bodies that are not command arrays', async () => {
    const bad: Array<[string, string]> = [
      ['/', '["SET", "k"'],
      ['/', '{"command":"PING"}'],
      ['/', '"PING"'],
      ['/', '[]'],
      ['/', '[["PING"]]'],
      ['/', '["SET", "k", {"a":1}]'],
      ['/', '["SET", "k", null]'],
      ['/pipeline', '["PING"]'],
      ['/pipeline', '[]'],
      ['/multi-exec', '[["PING"], "PING"]'],
    ];
    for (const [path, body] of bad) {
      const res = await post(path, body);
      expect(res.status, `${path} ${body}`).toBe(400);
      expect(res.body).toStrictEqual({ error: expect.any(String) });
    }
  });

  it('answers 413 to a body over the size limit', async () => {
    const res = await post('/', ['SET', key('big'), 'x'.repeat(MAX_BODY_BYTES)]);
    expect(res).toMatchObject({
      status: 413,
      body: { error: expect.stringMatching(/larger than/) },
    });
    expect(await direct.exists(key('big'))).toBe(0);
  });

  it('answers 404 to an unknown path and 405 to the wrong method', async () => {
    expect(await post('/get/key', ['PING'])).toMatchObject({
      status: 404,
      body: { error: expect.any(String) },
    });
    expect((await fetch(`${url}/pipeline`)).status).toBe(405);
  });

  it('reports healthy while Redis answers PING', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toStrictEqual({ status: 'ok' });
  });
});

describe('a bridge whose Redis is down', () => {
  let dead: Bridge;
  let deadUrl: string;

  beforeAll(async () => {
    dead = createBridge({ redisUrl: 'redis://127.0.0.1:1', token: TOKEN, connectTimeoutMs: 500 });
    ({ url: deadUrl } = await dead.listen(0, '127.0.0.1'));
  });

  afterAll(async () => {
    await dead.close();
  });

  it('answers 503 quickly instead of hanging, for every kind of request', async () => {
    const started = Date.now();
    for (const [path, body] of [
      ['/', ['PING']],
      ['/pipeline', [['PING']]],
      ['/multi-exec', [['PING']]],
    ] as const) {
      const res = await fetch(`${deadUrl}${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toStrictEqual({
        error: expect.stringMatching(/^Redis is unavailable/),
      });
    }
    const health = await fetch(`${deadUrl}/health`);
    expect(health.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('makes the client fail fast with an error rather than a hang', async () => {
    const redis = new Redis({ url: deadUrl, token: TOKEN, enableTelemetry: false, retry: false });
    const started = Date.now();
    await expect(redis.get('anything')).rejects.toThrow(/Redis is unavailable/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('still validates input and tokens while Redis is down', async () => {
    const wrong = await fetch(`${deadUrl}/`, {
      method: 'POST',
      headers: { Authorization: 'Bearer nope' },
      body: '["PING"]',
    });
    expect(wrong.status).toBe(401);
    const malformed = await fetch(`${deadUrl}/`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: '[',
    });
    expect(malformed.status).toBe(400);
  });
});
