import { Redis as IORedis, ReplyError } from 'ioredis';
import type { Logger } from 'pino';
import { refusal, type CommandLine } from './protocol';

/** Redis could not be reached or did not answer in time; the whole request is a 503. */
export class RedisUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Redis is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RedisUnavailableError';
  }
}

/** An error reply from Redis (or a command the bridge refuses), passed on to the caller as is. */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisReplyError';
  }
}

/** One command's outcome inside a pipeline or transaction. */
export type Outcome = { reply: unknown } | { error: string };

export type RedisLink = {
  /** One command; Redis errors reject with RedisReplyError, a dead link with RedisUnavailableError. */
  run(command: CommandLine): Promise<unknown>;
  /** Commands sent back to back; errors are per entry, as Upstash answers them. */
  pipeline(commands: CommandLine[]): Promise<Outcome[]>;
  /** Commands inside MULTI/EXEC; an aborted transaction rejects with RedisReplyError. */
  transaction(commands: CommandLine[]): Promise<Outcome[]>;
  ping(): Promise<boolean>;
  whenSettled(maxWaitMs: number): Promise<void>;
  close(): Promise<void>;
};

export type RedisLinkOptions = {
  url: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  logger: Logger;
};

function isReplyError(err: unknown): err is Error {
  return err instanceof ReplyError;
}

/** Keeps credentials out of logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'invalid url';
  }
}

export function connectRedis({
  url,
  connectTimeoutMs,
  commandTimeoutMs,
  logger,
}: RedisLinkOptions): RedisLink {
  const redis = new IORedis(url, {
    // RESP2 gives the reply shapes Upstash returns (flat arrays, doubles as strings).
    protocol: 2,
    connectionName: 'arcade-bridge',
    disableClientInfo: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    // Fail fast while disconnected instead of queueing requests that would time out anyway,
    // and never resend a write that may already have been applied.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });

  let healthy = true;
  redis.on('error', (err: Error) => {
    if (healthy) logger.warn({ err: err.message, redis: redactUrl(url) }, 'redis unreachable');
    healthy = false;
  });
  redis.on('ready', () => {
    if (!healthy) logger.info({ redis: redactUrl(url) }, 'redis reachable again');
    healthy = true;
  });

  const ensureReady = () => {
    if (redis.status !== 'ready') throw new RedisUnavailableError(`connection is ${redis.status}`);
  };

  const send = async ([name, ...args]: CommandLine): Promise<unknown> => {
    try {
      return await redis.callBuffer(name, ...args);
    } catch (err) {
      throw isReplyError(err) ? new RedisReplyError(err.message) : new RedisUnavailableError(err);
    }
  };

  return {
    async run(command) {
      const message = refusal(command);
      if (message) throw new RedisReplyError(message);
      ensureReady();
      return send(command);
    },

    async pipeline(commands) {
      ensureReady();
      const refusals = commands.map(refusal);
      const allowed = commands.filter((_, i) => refusals[i] === null);
      let replies: [Error | null, unknown][] = [];
      if (allowed.length > 0) {
        // One ioredis pipeline is one socket write for the whole batch.
        const batch = redis.pipeline();
        for (const [name, ...args] of allowed) batch.callBuffer(name, ...args);
        try {
          replies = (await batch.exec()) ?? [];
        } catch (err) {
          throw new RedisUnavailableError(err);
        }
      }
      let next = 0;
      return refusals.map((message): Outcome => {
        if (message) return { error: message };
        const [err, reply] = replies[next++] ?? [new Error('no reply'), null];
        if (!err) return { reply };
        if (isReplyError(err)) return { error: err.message };
        throw new RedisUnavailableError(err);
      });
    },

    async transaction(commands) {
      for (const command of commands) {
        const message = refusal(command);
        if (message)
          throw new RedisReplyError(
            `EXECABORT Transaction discarded because of previous errors. ${message}`,
          );
      }
      ensureReady();
      const multi = redis.multi();
      for (const [name, ...args] of commands) multi.callBuffer(name, ...args);
      let replies: [Error | null, unknown][] | null;
      try {
        replies = await multi.exec();
      } catch (err) {
        if (!isReplyError(err)) throw new RedisUnavailableError(err);
        const previous = (err as Error & { previousErrors?: Error[] }).previousErrors ?? [];
        const detail = previous.map((e) => e.message).join('; ');
        throw new RedisReplyError(detail ? `${err.message} ${detail}` : err.message);
      }
      if (!replies) throw new RedisUnavailableError('transaction was not executed');
      return replies.map(([err, reply]): Outcome => (err ? { error: err.message } : { reply }));
    },

    async ping() {
      if (redis.status !== 'ready') return false;
      // A health probe answers within a second even when Redis is stuck on a slow command.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), 1000);
      });
      try {
        return await Promise.race([redis.ping().then((pong) => pong === 'PONG'), timeout]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },

    whenSettled(maxWaitMs) {
      if (redis.status === 'ready') return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          redis.off('ready', done);
          redis.off('error', done);
          resolve();
        };
        const timer = setTimeout(done, maxWaitMs);
        redis.once('ready', done);
        redis.once('error', done);
      });
    },

    async close() {
      if (redis.status === 'end') return;
      try {
        await Promise.race([
          redis.quit(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error('quit timed out')), 1000).unref(),
          ),
        ]);
      } catch {
        // A dead or slow link has nothing left to flush.
      } finally {
        redis.disconnect();
      }
    },
  };
}
