/**
 * An Upstash-compatible REST bridge in front of any Redis, so the app's @upstash/redis client can
 * talk to a local Redis in development, CI and Docker exactly as it talks to Upstash in the cloud.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { BadRequestError, encodeReply, parseCommand, parseCommandList } from './protocol';
import {
  connectRedis,
  redactUrl,
  RedisReplyError,
  RedisUnavailableError,
  type Outcome,
} from './redis';

export type BridgeOptions = {
  redisUrl: string;
  token: string;
  /** Largest accepted request body; Upstash's own default limit is 10 MB. */
  maxBodyBytes?: number;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  logger?: Logger;
};

export type Bridge = {
  server: http.Server;
  listen(port: number, host?: string): Promise<{ url: string }>;
  close(): Promise<void>;
};

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function defaultLogger(): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return pino({
    level,
    base: { service: 'arcade-bridge' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

// Hashing first gives equal-length inputs, so the comparison takes the same time for any guess.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
) {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
    ...extraHeaders,
  });
  res.end(payload);
}

// An oversized streamed body is read to its end (up to this much more) before the 413, since
// HTTP clients that are still sending treat an early close as a network error, not an answer.
const OVERSIZE_DRAIN_BYTES = 64 * 1024 * 1024;

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `ERR request body is larger than ${limit} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + OVERSIZE_DRAIN_BYTES) reject(tooLarge());
    });
    req.once('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.once('error', reject);
    // A client that hangs up mid-body ends neither way; settle so nothing waits forever.
    req.once('close', () => reject(new HttpError(400, 'ERR request body was cut short')));
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BadRequestError('ERR request body is not valid JSON');
  }
}

const COMMAND_PATHS = new Set(['/', '/pipeline', '/multi-exec']);

export function createBridge(options: BridgeOptions): Bridge {
  const { redisUrl, token, maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  if (!token) throw new Error('createBridge needs a token');
  const logger = options.logger ?? defaultLogger();
  const expected = digest(token);
  const redis = connectRedis({
    url: redisUrl,
    connectTimeoutMs: options.connectTimeoutMs ?? 2000,
    commandTimeoutMs: options.commandTimeoutMs ?? 5000,
    logger,
  });

  const authorized = (req: http.IncomingMessage) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match ? timingSafeEqual(digest(match[1]!), expected) : false;
  };

  const toEntry = (outcome: Outcome, base64: boolean) =>
    'error' in outcome ? { error: outcome.error } : { result: encodeReply(outcome.reply, base64) };

  async function execute(path: string, body: unknown, base64: boolean): Promise<unknown> {
    if (path === '/') return { result: encodeReply(await redis.run(parseCommand(body)), base64) };
    const commands = parseCommandList(body);
    const outcomes =
      path === '/pipeline' ? await redis.pipeline(commands) : await redis.transaction(commands);
    return outcomes.map((outcome) => toEntry(outcome, base64));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, { error: 'Method not allowed' }, { Allow: 'GET, HEAD' });
      return (await redis.ping())
        ? send(res, 200, { status: 'ok' })
        : send(res, 503, { status: 'unavailable', error: 'Redis is unavailable' });
    }
    if (!COMMAND_PATHS.has(path)) return send(res, 404, { error: `Not found: ${path}` });
    if (req.method !== 'POST')
      return send(res, 405, { error: 'Method not allowed' }, { Allow: 'POST' });
    if (!authorized(req))
      return send(res, 401, { error: 'Unauthorized: invalid or missing token' });

    const body = parseJson(await readBody(req, maxBodyBytes));
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    send(res, 200, await execute(path, body, base64));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        // The rest of an oversized body is not worth reading; the client gets its answer first.
        send(res, err.status, { error: err.message }, { Connection: 'close' });
        req.resume();
      } else if (err instanceof BadRequestError || err instanceof RedisReplyError) {
        send(res, 400, { error: err.message });
      } else if (err instanceof RedisUnavailableError) {
        send(res, 503, { error: err.message }, { 'Retry-After': '1' });
      } else {
        logger.error({ err }, 'bridge request failed');
        send(res, 500, { error: 'Internal bridge error' });
      }
    });
  });

  let closing: Promise<void> | undefined;

  return {
    server,
    async listen(port, host = '127.0.0.1') {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      // Requests fail fast while Redis is down, so give the first connection a moment to come up.
      await redis.whenSettled(options.connectTimeoutMs ?? 2000);
      const { address, port: bound } = server.address() as AddressInfo;
      const shownHost = address.includes(':') ? `[${address}]` : address;
      return { url: `http://${shownHost}:${bound}` };
    },
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          server.close(() => resolve());
        });
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        await stopped;
        clearTimeout(force);
        await redis.close();
      })();
      return closing;
    },
  };
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

async function main() {
  const logger = pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'arcade-bridge' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  const token = process.env.UPSTASH_REDIS_REST_TOKEN;
  if (!token) {
    logger.fatal({ variable: 'UPSTASH_REDIS_REST_TOKEN' }, 'UPSTASH_REDIS_REST_TOKEN is required');
    process.exit(1);
  }
  const port = Number(process.env.BRIDGE_PORT ?? 8079);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    logger.fatal({ variable: 'BRIDGE_PORT' }, 'BRIDGE_PORT must be a port number');
    process.exit(1);
  }
  const host = process.env.BRIDGE_HOST || '127.0.0.1';
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const maxBodyBytes = process.env.BRIDGE_MAX_BODY_BYTES
    ? Number(process.env.BRIDGE_MAX_BODY_BYTES)
    : undefined;
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    logger.fatal(
      { variable: 'BRIDGE_MAX_BODY_BYTES' },
      'BRIDGE_MAX_BODY_BYTES must be a positive integer',
    );
    process.exit(1);
  }

  const bridge = createBridge({ redisUrl, token, maxBodyBytes, logger });
  const { url } = await bridge.listen(port, host);
  logger.info({ url, redis: redactUrl(redisUrl) }, 'bridge listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'bridge shutting down');
    setTimeout(() => process.exit(1), 10_000).unref();
    bridge.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'bridge shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (isEntryPoint()) {
  main().catch((err: unknown) => {
    console.error(
      JSON.stringify({ level: 'fatal', msg: 'bridge failed to start', err: String(err) }),
    );
    process.exit(1);
  });
}
