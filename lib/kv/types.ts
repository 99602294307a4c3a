/**
 * The key-value contract every store implements: ioredis (real Redis over TCP), @upstash/redis
 * (real Redis through Upstash or the project's REST bridge) and the in-process store used when no
 * Redis is configured. Values are JSON-serialisable; a stored value reads back with the same shape,
 * whichever Redis adapter wrote it.
 */
export type SetOptions = {
  /** Expiry in seconds. */
  ex?: number;
  /** Expiry in milliseconds. */
  px?: number;
  /** Only set when the key does not exist (locks). */
  nx?: boolean;
};

export type ScoredMember = { member: string; score: number };

export type RangeOptions = { rev?: boolean };

/** Commands that may be batched; `exec` sends them in one round trip and returns their results in order. */
export interface KvPipeline {
  get(key: string): KvPipeline;
  /** Values in key order, null for missing keys; an empty call yields []. */
  mget(...keys: string[]): KvPipeline;
  set(key: string, value: unknown, options?: SetOptions): KvPipeline;
  del(...keys: string[]): KvPipeline;
  incr(key: string): KvPipeline;
  incrby(key: string, by: number): KvPipeline;
  expire(key: string, seconds: number): KvPipeline;
  pexpire(key: string, ms: number): KvPipeline;
  pttl(key: string): KvPipeline;
  zincrby(key: string, by: number, member: string): KvPipeline;
  zadd(key: string, ...members: ScoredMember[]): KvPipeline;
  exec(): Promise<unknown[]>;
}

export interface Kv {
  readonly kind: 'redis' | 'upstash' | 'memory';
  get<T = unknown>(key: string): Promise<T | null>;
  mget<T = unknown>(...keys: string[]): Promise<(T | null)[]>;
  /** Returns false when `nx` was given and the key already existed. */
  set(key: string, value: unknown, options?: SetOptions): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  exists(key: string): Promise<boolean>;
  incr(key: string): Promise<number>;
  incrby(key: string, by: number): Promise<number>;
  /**
   * Atomically takes `by` (a positive integer) from the integer at `key` when that many are left,
   * keeping the key's expiry: the new value (≥ 0) on success, -1 when fewer than `by` are left
   * (nothing changes), null when the key does not exist (nothing is written). A stock gate: no
   * number of concurrent callers can take the counter below zero.
   */
  decrbyIfAtLeast(key: string, by: number): Promise<number | null>;
  /**
   * Atomically adds `by` (an integer) to the integer at `key` only when the key exists, keeping its
   * expiry: the new value, or null when the key does not exist (nothing is written). Gives units
   * back to a stock gate without resurrecting a gate that expired or was retired.
   */
  incrbyIfExists(key: string, by: number): Promise<number | null>;
  /**
   * Atomically deletes `key` only while it holds `value` (compared as `set` stores it): true when
   * it was deleted. Releases a lock taken with `set(key, token, { nx: true, … })` without freeing
   * one that expired and was taken by another holder in the meantime.
   */
  delIfEquals(key: string, value: unknown): Promise<boolean>;
  expire(key: string, seconds: number): Promise<boolean>;
  pexpire(key: string, ms: number): Promise<boolean>;
  /** Milliseconds to live; -1 when the key has no expiry, -2 when it does not exist. */
  pttl(key: string): Promise<number>;
  zincrby(key: string, by: number, member: string): Promise<number>;
  zadd(key: string, ...members: ScoredMember[]): Promise<number>;
  zscore(key: string, member: string): Promise<number | null>;
  zrem(key: string, ...members: string[]): Promise<number>;
  zcard(key: string): Promise<number>;
  /** Members by rank, highest score first when `rev`; ties by member name as in Redis. */
  zrange(key: string, start: number, stop: number, options?: RangeOptions): Promise<ScoredMember[]>;
  /** Deletes keys matching a glob pattern with `*` only; for invalidation and tests, not hot paths. */
  delPattern(pattern: string): Promise<number>;
  ping(): Promise<boolean>;
  pipeline(): KvPipeline;
}
