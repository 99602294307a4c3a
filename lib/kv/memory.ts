import { integerArg } from './counters';
import { MemoryStore } from './memory-store';
import type { Kv, KvPipeline, RangeOptions, ScoredMember, SetOptions } from './types';

export type MemoryKvOptions = {
  /** Oldest keys are evicted beyond this many, as a cache would; default 100,000. */
  maxKeys?: number;
  sweepIntervalMs?: number;
};

class MemoryPipeline implements KvPipeline {
  private readonly steps: Array<() => unknown> = [];

  constructor(private readonly store: MemoryStore) {}

  private add(step: () => unknown): this {
    this.steps.push(step);
    return this;
  }

  get(key: string) {
    return this.add(() => this.store.get(key));
  }
  mget(...keys: string[]) {
    return this.add(() => keys.map((key) => this.store.getLenient(key)));
  }
  set(key: string, value: unknown, options?: SetOptions) {
    return this.add(() => this.store.set(key, value, options));
  }
  del(...keys: string[]) {
    return this.add(() => this.store.del(keys));
  }
  incr(key: string) {
    return this.add(() => this.store.incrby(key, 1));
  }
  incrby(key: string, by: number) {
    return this.add(() => this.store.incrby(key, by));
  }
  expire(key: string, seconds: number) {
    return this.add(() => this.store.pexpire(key, integerArg(seconds) * 1000));
  }
  pexpire(key: string, ms: number) {
    return this.add(() => this.store.pexpire(key, ms));
  }
  pttl(key: string) {
    return this.add(() => this.store.pttl(key));
  }
  zincrby(key: string, by: number, member: string) {
    return this.add(() => this.store.zincrby(key, by, member));
  }
  zadd(key: string, ...members: ScoredMember[]) {
    return this.add(() => this.store.zadd(key, members));
  }

  /**
   * Runs every step in one synchronous turn (nothing interleaves), like MULTI/EXEC: a failing
   * step does not undo the others, and the first failure is thrown once all have run.
   */
  async exec(): Promise<unknown[]> {
    const results: unknown[] = [];
    let firstError: unknown;
    for (const step of this.steps.splice(0)) {
      try {
        results.push(step());
      } catch (err) {
        firstError ??= err;
        results.push(null);
      }
    }
    if (firstError !== undefined) throw firstError;
    return results;
  }
}

/** The store used when no Redis is configured: one process, nothing shared between instances. */
export class MemoryKv implements Kv {
  readonly kind = 'memory' as const;
  private readonly store: MemoryStore;
  private readonly sweeper: NodeJS.Timeout;

  constructor(options: MemoryKvOptions = {}) {
    this.store = new MemoryStore(options.maxKeys ?? 100_000);
    // Reads expire keys lazily; the sweep frees memory held by keys nobody reads again.
    this.sweeper = setInterval(() => this.store.sweep(), options.sweepIntervalMs ?? 1000);
    this.sweeper.unref();
  }

  /** Stops the background sweep; the store stays usable. */
  close(): void {
    clearInterval(this.sweeper);
  }

  // Every method is async so a caller sees the same (awaited) behaviour as with Redis.
  async get<T = unknown>(key: string) {
    return this.store.get(key) as T | null;
  }
  async mget<T = unknown>(...keys: string[]) {
    return keys.map((key) => this.store.getLenient(key) as T | null);
  }
  async set(key: string, value: unknown, options?: SetOptions) {
    return this.store.set(key, value, options);
  }
  async del(...keys: string[]) {
    return this.store.del(keys);
  }
  async exists(key: string) {
    return this.store.exists(key);
  }
  async incr(key: string) {
    return this.store.incrby(key, 1);
  }
  async incrby(key: string, by: number) {
    return this.store.incrby(key, by);
  }
  async decrbyIfAtLeast(key: string, by: number) {
    return this.store.decrbyIfAtLeast(key, by);
  }
  async incrbyIfExists(key: string, by: number) {
    return this.store.incrbyIfExists(key, by);
  }
  async delIfEquals(key: string, value: unknown) {
    return this.store.delIfEquals(key, value);
  }
  async expire(key: string, seconds: number) {
    return this.store.pexpire(key, integerArg(seconds) * 1000);
  }
  async pexpire(key: string, ms: number) {
    return this.store.pexpire(key, ms);
  }
  async pttl(key: string) {
    return this.store.pttl(key);
  }
  async zincrby(key: string, by: number, member: string) {
    return this.store.zincrby(key, by, member);
  }
  async zadd(key: string, ...members: ScoredMember[]) {
    return this.store.zadd(key, members);
  }
  async zscore(key: string, member: string) {
    return this.store.zscore(key, member);
  }
  async zrem(key: string, ...members: string[]) {
    return this.store.zrem(key, members);
  }
  async zcard(key: string) {
    return this.store.zcard(key);
  }
  async zrange(key: string, start: number, stop: number, options?: RangeOptions) {
    return this.store.zrange(key, start, stop, options);
  }
  async delPattern(pattern: string) {
    return this.store.delPattern(pattern);
  }
  async ping() {
    return true;
  }
  pipeline(): KvPipeline {
    return new MemoryPipeline(this.store);
  }
}

export function createMemoryKv(options?: MemoryKvOptions): MemoryKv {
  return new MemoryKv(options);
}
