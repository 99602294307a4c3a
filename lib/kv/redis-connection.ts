import 'server-only';
import { Redis as IORedis } from 'ioredis';
import { DECRBY_IF_AT_LEAST_LUA, INCRBY_IF_EXISTS_LUA } from './counters';
import { KvUnavailableError } from './errors';
import { DEL_IF_EQUALS_LUA } from './locks';

export type RedisConnectionOptions = {
  /** `redis://` or `rediss://` (TLS), with credentials and a database index if needed. */
  url: string;
  /** Per command; a dead or stuck Redis costs a caller at most this long. */
  timeoutMs?: number;
  /** How long a command waits for a connection that is being opened (at start, on reconnect). */
  connectTimeoutMs?: number;
  /** Shows in CLIENT LIST, to tell the app's connections from others. */
  connectionName?: string;
};

/** The client with the Lua scripts of the Kv contract defined as commands (EVALSHA, cached). */
export type ScriptedRedis = IORedis & {
  decrbyIfAtLeast(key: string, by: number): Promise<number | null>;
  incrbyIfExists(key: string, by: number): Promise<number | null>;
  /** 1 when the key held `text` and was deleted, else 0. */
  delIfEquals(key: string, text: string): Promise<number>;
};

const DEFAULT_TIMEOUT_MS = 1000;
const DEFAULT_CONNECT_TIMEOUT_MS = 1000;

/**
 * One TCP connection to Redis that fails fast. ioredis would otherwise queue commands while
 * disconnected (unbounded, until Redis is back) and resend unanswered ones after a reconnect,
 * which could apply a write twice. Here a command is sent only on a ready connection, and waits
 * (bounded) only while a connection is being opened, so the first requests after start do not
 * fail merely because the handshake is still running.
 */
export class RedisConnection {
  readonly redis: ScriptedRedis;
  private readonly connectTimeoutMs: number;
  private opening: Promise<void> | null = null;

  constructor(options: RedisConnectionOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    const redis = new IORedis(options.url, {
      // RESP2: the reply shapes Upstash returns too (flat arrays, scores as strings).
      protocol: 2,
      connectionName: options.connectionName ?? 'arcade',
      disableClientInfo: true,
      connectTimeout: this.connectTimeoutMs,
      commandTimeout: timeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // withKv's breaker reports outages once; the client's own reconnect errors would repeat them.
    redis.on('error', () => {});
    redis.defineCommand('decrbyIfAtLeast', { numberOfKeys: 1, lua: DECRBY_IF_AT_LEAST_LUA });
    redis.defineCommand('incrbyIfExists', { numberOfKeys: 1, lua: INCRBY_IF_EXISTS_LUA });
    redis.defineCommand('delIfEquals', { numberOfKeys: 1, lua: DEL_IF_EQUALS_LUA });
    this.redis = redis as ScriptedRedis;
  }

  /** The client once its connection is ready; KvUnavailableError if it is not and won't be soon. */
  async ready(): Promise<ScriptedRedis> {
    const { status } = this.redis;
    if (status === 'ready') return this.redis;
    if (status !== 'connecting' && status !== 'connect') {
      // Between reconnect attempts: an outage, and the caller has a fallback.
      throw new KvUnavailableError(`Redis is unavailable: the connection is ${status}`);
    }
    this.opening ??= this.untilReady().finally(() => {
      this.opening = null;
    });
    await this.opening;
    return this.redis;
  }

  private untilReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (err?: Error) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        this.redis.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onReady = () => settle();
      const onClose = () =>
        settle(new KvUnavailableError('Redis is unavailable: the connection was refused or lost'));
      const timer = setTimeout(
        () =>
          settle(
            new KvUnavailableError(
              `Redis is unavailable: no connection within ${this.connectTimeoutMs} ms`,
            ),
          ),
        this.connectTimeoutMs,
      );
      this.redis.once('ready', onReady);
      this.redis.once('close', onClose);
    });
  }

  /** Says goodbye when Redis is there to hear it, and stops reconnecting either way. */
  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    try {
      if (this.redis.status === 'ready') await this.redis.quit();
    } catch {
      // A dead or slow link has nothing left to flush.
    } finally {
      this.redis.disconnect();
    }
  }
}
