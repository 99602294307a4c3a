import 'server-only';
import { Redis, errors } from '@upstash/redis';
import { decodeValue, encodeValue } from './codec';
import { DECRBY_IF_AT_LEAST_LUA, INCRBY_IF_EXISTS_LUA, integerArg, takeArg } from './counters';
import { guarded } from './errors';
import { DEL_IF_EQUALS_LUA } from './locks';
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

export type UpstashKvOptions = {
  url: string;
  token: string;
  /** Per HTTP request; a dead Redis costs callers at most this long. */
  timeoutMs?: number;
};

type UpstashClientOptions = UpstashKvOptions & {
  /** Off for the Kv (it does JSON itself); on suits libraries that store their own JSON. */
  automaticDeserialization?: boolean;
};

const DEFAULT_TIMEOUT_MS = 1500;

/**
 * An @upstash/redis client that fails fast: one attempt (the client's default is six, with
 * exponential backoff) and a timeout on every request, so an outage costs one timeout per call.
 */
export function createUpstashRedis(options: UpstashClientOptions): Redis {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Redis({
    url: options.url,
    token: options.token,
    enableTelemetry: false,
    automaticDeserialization: options.automaticDeserialization ?? true,
    retry: { retries: 0, backoff: () => 0 },
    // A function gives each request its own timer; a shared signal would abort once for good.
    signal: () => AbortSignal.timeout(timeoutMs),
    // Next patches fetch: 'no-store' (the client's default) inside an ISR render turns the page
    // dynamic at run time and fails it. 'default' counts as no cache config, which Next leaves
    // uncached without touching the page's static status; Node's fetch has no HTTP cache anyway.
    cache: 'default',
  });
}

/**
 * The text of a Redis error reply, or null for a failed request (an outage). The client prefixes
 * per-command failures and appends the command after non-2xx answers, which are stripped first.
 */
function replyOf(err: unknown): string | null {
  if (!(err instanceof errors.UpstashError) || err instanceof errors.UpstashJSONParseError) {
    return null;
  }
  return err.message
    .replace(/, command was: [\s\S]*$/, '')
    .replace(/^Command (\d+ \[ \S+ \] )?failed: /, '');
}

const guard = <T>(operation: Promise<T>) => guarded(operation, replyOf);

type SetCommandOptions = NonNullable<Parameters<Redis['set']>[2]>;

function setOptions(options?: SetOptions): SetCommandOptions | undefined {
  if (!options) return undefined;
  const expiry =
    options.ex !== undefined
      ? { ex: options.ex }
      : options.px !== undefined
        ? { px: options.px }
        : {};
  return { ...expiry, ...(options.nx ? { nx: true } : {}) } as SetCommandOptions;
}

class UpstashPipeline implements KvPipeline {
  private readonly transaction: ReturnType<Redis['multi']>;
  private readonly steps = new PipelineSteps();

  constructor(redis: Redis) {
    // MULTI/EXEC, so a batch is applied as a whole, as it is in the in-process store.
    this.transaction = redis.multi();
  }

  private add(shape: Shape, sent = true): this {
    this.steps.add(shape, sent);
    return this;
  }

  get(key: string) {
    this.transaction.get(key);
    return this.add(toValue);
  }
  mget(...keys: string[]) {
    if (keys.length === 0) return this.add(() => [], false);
    this.transaction.mget(...keys);
    return this.add(toValues);
  }
  set(key: string, value: unknown, options?: SetOptions) {
    this.transaction.set(key, encodeValue(value), setOptions(options));
    return this.add(toBool);
  }
  del(...keys: string[]) {
    // Redis rejects DEL and ZADD without arguments; an empty step simply counts nothing.
    if (keys.length === 0) return this.add(() => 0, false);
    this.transaction.del(...keys);
    return this.add(asIs);
  }
  incr(key: string) {
    this.transaction.incr(key);
    return this.add(asIs);
  }
  incrby(key: string, by: number) {
    this.transaction.incrby(key, by);
    return this.add(asIs);
  }
  expire(key: string, seconds: number) {
    this.transaction.expire(key, seconds);
    return this.add(toBool);
  }
  pexpire(key: string, ms: number) {
    this.transaction.pexpire(key, ms);
    return this.add(toBool);
  }
  pttl(key: string) {
    this.transaction.pttl(key);
    return this.add(asIs);
  }
  zincrby(key: string, by: number, member: string) {
    this.transaction.zincrby(key, by, member);
    return this.add(toNumber);
  }
  zadd(key: string, ...members: ScoredMember[]) {
    const [first, ...rest] = members;
    if (!first) return this.add(() => 0, false);
    this.transaction.zadd(key, first, ...rest);
    return this.add(asIs);
  }

  async exec(): Promise<unknown[]> {
    const replies =
      this.transaction.length() > 0 ? await guard(this.transaction.exec<unknown[]>()) : [];
    return this.steps.shape(replies);
  }
}

export class UpstashKv implements Kv {
  readonly kind = 'upstash' as const;
  // EVALSHA first, EVAL once when Redis does not know the script yet.
  private readonly takeScript;
  private readonly giveBackScript;
  private readonly releaseScript;

  constructor(private readonly redis: Redis) {
    this.takeScript = redis.createScript<number | null>(DECRBY_IF_AT_LEAST_LUA);
    this.giveBackScript = redis.createScript<number | null>(INCRBY_IF_EXISTS_LUA);
    this.releaseScript = redis.createScript<number>(DEL_IF_EQUALS_LUA);
  }

  async get<T = unknown>(key: string) {
    return decodeValue<T>(await guard(this.redis.get<string>(key)));
  }
  async mget<T = unknown>(...keys: string[]) {
    if (keys.length === 0) return [];
    const replies = await guard(this.redis.mget<(string | null)[]>(...keys));
    return replies.map((reply) => decodeValue<T>(reply));
  }
  async set(key: string, value: unknown, options?: SetOptions) {
    return toBool(await guard(this.redis.set(key, encodeValue(value), setOptions(options))));
  }
  async del(...keys: string[]) {
    return keys.length === 0 ? 0 : guard(this.redis.del(...keys));
  }
  async exists(key: string) {
    return (await guard(this.redis.exists(key))) > 0;
  }
  async incr(key: string) {
    return guard(this.redis.incr(key));
  }
  async incrby(key: string, by: number) {
    return guard(this.redis.incrby(key, by));
  }
  async decrbyIfAtLeast(key: string, by: number) {
    return guard(this.takeScript.exec([key], [String(takeArg(by))]));
  }
  async incrbyIfExists(key: string, by: number) {
    return guard(this.giveBackScript.exec([key], [String(integerArg(by))]));
  }
  async delIfEquals(key: string, value: unknown) {
    return toBool(await guard(this.releaseScript.exec([key], [encodeValue(value)])));
  }
  async expire(key: string, seconds: number) {
    return toBool(await guard(this.redis.expire(key, seconds)));
  }
  async pexpire(key: string, ms: number) {
    return toBool(await guard(this.redis.pexpire(key, ms)));
  }
  async pttl(key: string) {
    return guard(this.redis.pttl(key));
  }
  async zincrby(key: string, by: number, member: string) {
    return toNumber(await guard(this.redis.zincrby(key, by, member)));
  }
  async zadd(key: string, ...members: ScoredMember[]) {
    const [first, ...rest] = members;
    if (!first) return 0;
    return (await guard(this.redis.zadd(key, first, ...rest))) ?? 0;
  }
  async zscore(key: string, member: string) {
    const reply = await guard(this.redis.zscore(key, member));
    return reply === null ? null : Number(reply);
  }
  async zrem(key: string, ...members: string[]) {
    return members.length === 0 ? 0 : guard(this.redis.zrem(key, ...members));
  }
  async zcard(key: string) {
    return guard(this.redis.zcard(key));
  }
  async zrange(key: string, start: number, stop: number, options?: RangeOptions) {
    const flat = await guard(
      this.redis.zrange<unknown[]>(key, start, stop, {
        withScores: true,
        rev: options?.rev ?? false,
      }),
    );
    return pairsToMembers(flat);
  }
  async delPattern(pattern: string) {
    return deleteMatching(
      (cursor) => guard(this.redis.scan(cursor, { match: pattern, count: 500 })),
      (keys) => guard(this.redis.del(...keys)),
    );
  }
  async ping() {
    return (await guard(this.redis.ping())) === 'PONG';
  }
  pipeline(): KvPipeline {
    return new UpstashPipeline(this.redis);
  }
}

/** The Kv on Upstash or on the project's REST bridge; values are JSON, as in the memory store. */
export function createUpstashKv(options: UpstashKvOptions): UpstashKv {
  return new UpstashKv(createUpstashRedis({ ...options, automaticDeserialization: false }));
}
