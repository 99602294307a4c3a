import 'server-only';
import { ReplyError } from 'ioredis';
import { encodeValue } from './codec';
import { integerArg, takeArg } from './counters';
import { guarded, KvUnavailableError, toKvError } from './errors';
import { RedisConnection, type RedisConnectionOptions } from './redis-connection';
import {
  asIs,
  deleteMatching,
  pairsToMembers,
  PipelineSteps,
  toBool,
  toNumber,
  toValue,
  toValues,
  type Shape,
} from './replies';
import type { Kv, KvPipeline, RangeOptions, ScoredMember, SetOptions } from './types';

export type RedisKvOptions = RedisConnectionOptions;

type Line = [name: string, ...args: (string | number)[]];

/** A command as sent to Redis, and how its reply becomes the Kv's answer; no line: nothing sent. */
type Command = { line: Line | null; shape: Shape };

const replyOf = (err: unknown): string | null =>
  err instanceof ReplyError ? (err as Error).message : null;

const guard = <T>(operation: Promise<T>) => guarded(operation, replyOf);

/** Redis rejects DEL, MGET and ZADD without arguments; such a step answers without a round trip. */
const answered = (value: unknown): Command => ({ line: null, shape: () => value });

function setArgs(options: SetOptions = {}): (string | number)[] {
  // Same precedence as the other stores: `ex` wins over `px` when both are given.
  const expiry =
    options.ex !== undefined
      ? ['EX', options.ex]
      : options.px !== undefined
        ? ['PX', options.px]
        : [];
  return options.nx ? [...expiry, 'NX'] : expiry;
}

// Every command the Kv and its pipelines send, described once for both.
const commands = {
  get: (key: string): Command => ({ line: ['GET', key], shape: toValue }),
  mget: (keys: string[]): Command =>
    keys.length === 0 ? answered([]) : { line: ['MGET', ...keys], shape: toValues },
  set: (key: string, value: unknown, options?: SetOptions): Command => ({
    line: ['SET', key, encodeValue(value), ...setArgs(options)],
    shape: toBool,
  }),
  del: (keys: string[]): Command =>
    keys.length === 0 ? answered(0) : { line: ['DEL', ...keys], shape: asIs },
  incrby: (key: string, by: number): Command => ({ line: ['INCRBY', key, by], shape: asIs }),
  pexpire: (key: string, ms: number): Command => ({ line: ['PEXPIRE', key, ms], shape: toBool }),
  expire: (key: string, seconds: number): Command => ({
    line: ['EXPIRE', key, seconds],
    shape: toBool,
  }),
  pttl: (key: string): Command => ({ line: ['PTTL', key], shape: asIs }),
  zincrby: (key: string, by: number, member: string): Command => ({
    line: ['ZINCRBY', key, by, member],
    shape: toNumber,
  }),
  zadd: (key: string, members: ScoredMember[]): Command =>
    members.length === 0
      ? answered(0)
      : { line: ['ZADD', key, ...members.flatMap((m) => [m.score, m.member])], shape: asIs },
};

class RedisPipeline implements KvPipeline {
  private readonly lines: Line[] = [];
  private readonly steps = new PipelineSteps();

  constructor(private readonly connection: RedisConnection) {}

  private add({ line, shape }: Command): this {
    if (line) this.lines.push(line);
    this.steps.add(shape, line !== null);
    return this;
  }

  get(key: string) {
    return this.add(commands.get(key));
  }
  mget(...keys: string[]) {
    return this.add(commands.mget(keys));
  }
  set(key: string, value: unknown, options?: SetOptions) {
    return this.add(commands.set(key, value, options));
  }
  del(...keys: string[]) {
    return this.add(commands.del(keys));
  }
  incr(key: string) {
    return this.add(commands.incrby(key, 1));
  }
  incrby(key: string, by: number) {
    return this.add(commands.incrby(key, by));
  }
  expire(key: string, seconds: number) {
    return this.add(commands.expire(key, seconds));
  }
  pexpire(key: string, ms: number) {
    return this.add(commands.pexpire(key, ms));
  }
  pttl(key: string) {
    return this.add(commands.pttl(key));
  }
  zincrby(key: string, by: number, member: string) {
    return this.add(commands.zincrby(key, by, member));
  }
  zadd(key: string, ...members: ScoredMember[]) {
    return this.add(commands.zadd(key, members));
  }

  /**
   * MULTI/EXEC, so a batch is applied as a whole, as in the other stores: a failing command does
   * not undo the others, and the first failure is thrown once all have run.
   */
  async exec(): Promise<unknown[]> {
    if (this.lines.length === 0) return this.steps.shape([]);
    const redis = await this.connection.ready();
    const transaction = redis.multi();
    for (const [name, ...args] of this.lines) transaction.call(name, ...args);
    const results = await guard(transaction.exec());
    if (!results) throw new KvUnavailableError('Redis is unavailable: the batch was not applied');
    const failed = results.find(([err]) => err);
    if (failed) throw toKvError(failed[0], replyOf);
    return this.steps.shape(results.map(([, reply]) => reply));
  }
}

/** The Kv on Redis over TCP (ioredis); values are stored as the Upstash adapter stores them. */
export class RedisKv implements Kv {
  readonly kind = 'redis' as const;

  constructor(private readonly connection: RedisConnection) {}

  private async run({ line, shape }: Command): Promise<unknown> {
    if (!line) return shape(null);
    const redis = await this.connection.ready();
    const [name, ...args] = line;
    return shape(await guard(redis.call(name, ...args)));
  }

  async get<T = unknown>(key: string) {
    return (await this.run(commands.get(key))) as T | null;
  }
  async mget<T = unknown>(...keys: string[]) {
    return (await this.run(commands.mget(keys))) as (T | null)[];
  }
  async set(key: string, value: unknown, options?: SetOptions) {
    return (await this.run(commands.set(key, value, options))) as boolean;
  }
  async del(...keys: string[]) {
    return (await this.run(commands.del(keys))) as number;
  }
  async exists(key: string) {
    return (await this.run({ line: ['EXISTS', key], shape: toBool })) as boolean;
  }
  async incr(key: string) {
    return this.incrby(key, 1);
  }
  async incrby(key: string, by: number) {
    return (await this.run(commands.incrby(key, by))) as number;
  }
  async decrbyIfAtLeast(key: string, by: number) {
    takeArg(by);
    return guard((await this.connection.ready()).decrbyIfAtLeast(key, by));
  }
  async incrbyIfExists(key: string, by: number) {
    integerArg(by);
    return guard((await this.connection.ready()).incrbyIfExists(key, by));
  }
  async delIfEquals(key: string, value: unknown) {
    const text = encodeValue(value);
    return (await guard((await this.connection.ready()).delIfEquals(key, text))) === 1;
  }
  async expire(key: string, seconds: number) {
    return (await this.run(commands.expire(key, seconds))) as boolean;
  }
  async pexpire(key: string, ms: number) {
    return (await this.run(commands.pexpire(key, ms))) as boolean;
  }
  async pttl(key: string) {
    return (await this.run(commands.pttl(key))) as number;
  }
  async zincrby(key: string, by: number, member: string) {
    return (await this.run(commands.zincrby(key, by, member))) as number;
  }
  async zadd(key: string, ...members: ScoredMember[]) {
    return (await this.run(commands.zadd(key, members))) as number;
  }
  async zscore(key: string, member: string) {
    const reply = await this.run({ line: ['ZSCORE', key, member], shape: asIs });
    return reply === null ? null : Number(reply);
  }
  async zrem(key: string, ...members: string[]) {
    if (members.length === 0) return 0;
    return (await this.run({ line: ['ZREM', key, ...members], shape: asIs })) as number;
  }
  async zcard(key: string) {
    return (await this.run({ line: ['ZCARD', key], shape: asIs })) as number;
  }
  async zrange(key: string, start: number, stop: number, options?: RangeOptions) {
    const rev = options?.rev ? ['REV'] : [];
    const flat = await this.run({
      line: ['ZRANGE', key, start, stop, ...rev, 'WITHSCORES'],
      shape: asIs,
    });
    return pairsToMembers(flat as unknown[]);
  }
  async delPattern(pattern: string) {
    // UNLINK frees the memory in the background, so a large invalidation does not stall Redis.
    return deleteMatching(
      async (cursor) =>
        (await this.run({
          line: ['SCAN', cursor, 'MATCH', pattern, 'COUNT', 500],
          shape: asIs,
        })) as [string, string[]],
      async (keys) => (await this.run({ line: ['UNLINK', ...keys], shape: asIs })) as number,
    );
  }
  async ping() {
    return (await this.run({ line: ['PING'], shape: asIs })) === 'PONG';
  }
  pipeline(): KvPipeline {
    return new RedisPipeline(this.connection);
  }

  /** Closes the connection; the store is unusable afterwards. */
  close(): Promise<void> {
    return this.connection.close();
  }
}

/**
 * The Kv on Redis over TCP. It connects at once, so that the connection is usually ready by the
 * first request; commands fail fast with KvUnavailableError while Redis is away.
 */
export function createRedisKv(options: RedisKvOptions): RedisKv {
  return new RedisKv(new RedisConnection(options));
}
