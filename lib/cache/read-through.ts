import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kv } from '@/lib/kv/types';
import { LocalEntries } from './local';
import { jitteredSeconds } from './ttl';

/** A loader answers null for "does not exist": that answer is cached briefly too. */
export type Loader<T> = () => Promise<T | null>;

export type ReadOptions = {
  /** Base lifetime of this entry; jitter is applied on top. */
  ttlSeconds?: number;
};

export type CacheStats = {
  /** Lookups answered from the cache (this process or Redis); concurrent misses of a key count once. */
  hits: number;
  /** The subset of `hits` answered by this process without a round trip. */
  localHits: number;
  /** Reads that found a cached "does not exist". */
  negativeHits: number;
  misses: number;
  /** Times a loader actually ran. */
  loads: number;
  /** Reads served straight from the source because Redis was unreachable. */
  bypasses: number;
  /** Misses that waited for another instance's load instead of loading. */
  waits: number;
};

export type CacheEvent = 'hit' | 'miss' | 'negative' | 'bypass';

export type CacheConfig = {
  /** Names the key space: `cache:<namespace>:…`. */
  namespace: string;
  /** Runs a Redis operation, answering `fallback()` when Redis is unreachable. */
  guard: <T>(fn: (kv: Kv) => Promise<T>, fallback: () => T) => Promise<T>;
  ttlSeconds: () => number;
  negativeTtlSeconds?: number;
  /**
   * The tags a key depends on (besides `all`, which every key carries). Invalidating a tag
   * retires exactly the keys that carry it, on every instance.
   */
  tagsOf?: (key: string) => string[];
  /**
   * How long this process trusts its copies before asking Redis whether anything was
   * invalidated. Bounds how late another instance's invalidation is seen; 0 asks on every read.
   */
  coherenceMs?: number;
  /** How long one loader holds the cross-instance lock. */
  lockMs?: number;
  /** How long a read waits for another instance's load before loading itself. */
  waitMs?: number;
  pollMs?: number;
  localMaxEntries?: number;
  onEvent?: (event: CacheEvent) => void;
};

/**
 * What Redis holds per key: the versions its tags had when it was loaded (in the order
 * `tagsFor` lists them), and the value or a miss.
 */
export type Stored<T> = { t: number[]; d?: T; m?: 1 };

/** What one round trip tells about a key: the invalidation epoch, the entry and its tags' versions. */
export type Lookup<T> = { epoch: number; stored: T | null; versions: number[] };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function emptyStats(): CacheStats {
  return { hits: 0, localHits: 0, negativeHits: 0, misses: 0, loads: 0, bypasses: 0, waits: 0 };
}

/** Whether an entry was loaded under the tag versions Redis holds now. */
export function isCurrent(
  loadedUnder: readonly number[] | undefined,
  now: readonly number[],
): boolean {
  return (
    Array.isArray(loadedUnder) &&
    loadedUnder.length === now.length &&
    loadedUnder.every((version, i) => version === now[i])
  );
}

const ALL = 'all';

/**
 * Read-through cache shared by every instance through Redis, with a small in-process layer in
 * front so a warm read costs no network round trip.
 *
 * Each key depends on tags (`all` plus what `tagsOf` names). An invalidation bumps the version of
 * the tags it names and one namespace-wide epoch; an entry counts as missing once any of its
 * tags moved, so a write retires exactly the keys that show what it changed, on every instance,
 * without scanning. The epoch is what makes the local layer cheap: a process keeps serving its
 * copies while the epoch stands still, and re-checks each copy against Redis once it moves.
 */
export class ReadThroughCache {
  private readonly local: LocalEntries;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private known: { epoch: number; at: number } | null = null;
  private epochRead: Promise<number | null> | null = null;
  /** Invalidations that could not reach Redis; applied as soon as Redis answers again. */
  private readonly pendingTags = new Set<string>();
  private counters = emptyStats();
  private readonly prefix: string;

  constructor(private readonly config: CacheConfig) {
    this.prefix = `cache:${config.namespace}:`;
    this.local = new LocalEntries(config.localMaxEntries ?? 1000);
  }

  get epochKey(): string {
    return `${this.prefix}epoch`;
  }

  tagKey(tag: string): string {
    return `${this.prefix}tag:${tag}`;
  }

  dataKey(key: string): string {
    return `${this.prefix}d:${key}`;
  }

  private lockKey(key: string): string {
    return `${this.prefix}lock:${key}`;
  }

  /** The tags a key depends on, `all` first. */
  tagsFor(key: string): string[] {
    return [ALL, ...(this.config.tagsOf?.(key) ?? [])];
  }

  stats(): CacheStats {
    return { ...this.counters };
  }

  private get coherenceMs(): number {
    return this.config.coherenceMs ?? 250;
  }

  async read<T>(key: string, loader: Loader<T>, options: ReadOptions = {}): Promise<T | null> {
    // A copy stamped with the current epoch is current: nothing was invalidated since it was checked.
    const epoch =
      this.known && Date.now() - this.known.at < this.coherenceMs
        ? this.known.epoch
        : this.local.has(key)
          ? await this.currentEpoch()
          : null;
    if (epoch !== null) {
      const entry = this.local.get(key, epoch, Date.now());
      if (entry) return this.hit<T>(entry.value as Stored<T>, true);
    }

    // Concurrent misses of one key share one Redis lookup and, if needed, one load.
    return this.singleFlight(key, () => this.fetch(key, loader, options));
  }

  /**
   * One round trip: the epoch, the value under `redisKey` and the current versions of `tags`.
   * Null when Redis is unreachable. Lets other stores (rendered pages) follow the same tags.
   */
  async lookup<T>(redisKey: string, tags: readonly string[]): Promise<Lookup<T> | null> {
    return this.config.guard(
      async (kv) => {
        await this.applyPending(kv);
        const [rawEpoch, stored, ...rawVersions] = await kv.mget<unknown>(
          this.epochKey,
          redisKey,
          ...tags.map((tag) => this.tagKey(tag)),
        );
        return {
          epoch: this.settleEpoch(rawEpoch),
          stored: (stored ?? null) as T | null,
          versions: rawVersions.map((v) => Number(v ?? 0) || 0),
        };
      },
      () => null,
    );
  }

  private async fetch<T>(key: string, loader: Loader<T>, options: ReadOptions): Promise<T | null> {
    const found = await this.lookup<Stored<T>>(this.dataKey(key), this.tagsFor(key));
    if (!found) return this.bypass(loader);

    const { epoch, stored, versions } = found;
    if (stored && isCurrent(stored.t, versions)) {
      this.remember(key, stored, epoch, this.lifetime(stored, options));
      return this.hit(stored, false);
    }
    this.count('misses', 'miss');
    return this.loadOnce(key, versions, epoch, loader, options);
  }

  /**
   * The invalidation epoch this process may trust now (read from Redis at most every
   * `coherenceMs`, one read shared by concurrent callers), or null when Redis is unreachable.
   * A copy stamped with this epoch is still current.
   */
  async currentEpoch(): Promise<number | null> {
    if (this.known && Date.now() - this.known.at < this.coherenceMs) return this.known.epoch;
    this.epochRead ??= this.config
      .guard(
        async (kv) => {
          await this.applyPending(kv);
          return this.settleEpoch(await kv.get<unknown>(this.epochKey));
        },
        () => null,
      )
      .finally(() => {
        this.epochRead = null;
      });
    return this.epochRead;
  }

  /** Retires every key carrying one of `tags` (every key for `all`) on every instance. */
  async invalidate(tags: readonly string[] = [ALL]): Promise<void> {
    // Local copies of this process go at once; other processes notice the epoch within coherenceMs.
    // A load already running may have read the old data: later reads must not join it.
    this.local.clear();
    this.inflight.clear();
    const epoch = await this.config.guard(
      (kv) => this.bump(kv, tags),
      () => null,
    );
    if (epoch === null) {
      for (const tag of tags) this.pendingTags.add(tag);
      this.known = null;
      return;
    }
    this.known = { epoch, at: Date.now() };
  }

  private async bump(kv: Kv, tags: Iterable<string>): Promise<number> {
    const pipeline = kv.pipeline();
    for (const tag of new Set(tags)) pipeline.incr(this.tagKey(tag));
    pipeline.incr(this.epochKey);
    const replies = await pipeline.exec();
    return Number(replies.at(-1));
  }

  private async applyPending(kv: Kv): Promise<void> {
    if (!this.pendingTags.size) return;
    const tags = [...this.pendingTags];
    this.pendingTags.clear();
    try {
      await this.bump(kv, tags);
    } catch (err) {
      for (const tag of tags) this.pendingTags.add(tag);
      throw err;
    }
  }

  private settleEpoch(raw: unknown): number {
    // No epoch at all: Redis was emptied (restarted, flushed), and an epoch counted from zero
    // again must not revive copies stamped before.
    if (raw === null || raw === undefined) this.local.clear();
    const epoch = Number(raw ?? 0) || 0;
    this.known = { epoch, at: Date.now() };
    return epoch;
  }

  private hit<T>(stored: Stored<T>, local: boolean): T | null {
    this.counters.hits++;
    if (local) this.counters.localHits++;
    if (stored.m) {
      this.count('negativeHits', 'negative');
      return null;
    }
    this.config.onEvent?.('hit');
    return stored.d ?? null;
  }

  private count(field: 'misses' | 'negativeHits' | 'bypasses', event: CacheEvent): void {
    this.counters[field]++;
    this.config.onEvent?.(event);
  }

  private remember<T>(key: string, stored: Stored<T>, epoch: number, seconds: number): void {
    this.local.set(key, stored, epoch, Date.now() + seconds * 1000);
  }

  /** Misses live briefly so a product about to be published appears soon. */
  private lifetime(stored: Stored<unknown>, options: ReadOptions): number {
    return stored.m
      ? (this.config.negativeTtlSeconds ?? 15)
      : jitteredSeconds(options.ttlSeconds ?? this.config.ttlSeconds());
  }

  /** Without Redis nothing can be shared or invalidated, so reads go to the source. */
  private bypass<T>(loader: Loader<T>): Promise<T | null> {
    this.count('bypasses', 'bypass');
    this.local.clear();
    this.known = null;
    this.counters.loads++;
    return loader();
  }

  private singleFlight<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(id);
    if (running) return running as Promise<T>;
    const started = fn().finally(() => this.inflight.delete(id));
    this.inflight.set(id, started);
    return started;
  }

  /**
   * Loads under the tag versions read before the load: an invalidation that lands while the
   * loader runs bumps them, so what the loader saw is never taken for current.
   */
  private async loadOnce<T>(
    key: string,
    versions: number[],
    epoch: number,
    loader: Loader<T>,
    options: ReadOptions,
  ): Promise<T | null> {
    const token = randomUUID();
    const lockMs = this.config.lockMs ?? 5000;
    const locked = await this.config.guard(
      (kv) => kv.set(this.lockKey(key), token, { nx: true, px: lockMs }),
      () => true,
    );
    if (!locked) {
      const stored = await this.waitForOtherLoader<T>(key, versions);
      if (stored) {
        this.remember(key, stored, epoch, this.lifetime(stored, options));
        return this.hit(stored, false);
      }
    }
    try {
      this.counters.loads++;
      const value = await loader();
      const stored: Stored<T> = value === null ? { t: versions, m: 1 } : { t: versions, d: value };
      const seconds = this.lifetime(stored, options);
      await this.config.guard(
        (kv) => kv.set(this.dataKey(key), stored, { ex: seconds }),
        () => false,
      );
      this.remember(key, stored, epoch, seconds);
      return value;
    } finally {
      if (locked) await this.releaseLock(key, token);
    }
  }

  private async waitForOtherLoader<T>(key: string, versions: number[]): Promise<Stored<T> | null> {
    this.counters.waits++;
    const deadline = Date.now() + (this.config.waitMs ?? 2000);
    const pollMs = this.config.pollMs ?? 25;
    while (Date.now() < deadline) {
      await sleep(pollMs);
      const stored = await this.config.guard(
        (kv) => kv.get<Stored<T>>(this.dataKey(key)),
        () => undefined,
      );
      if (stored === undefined) return null;
      if (stored && isCurrent(stored.t, versions)) return stored;
    }
    return null;
  }

  /**
   * Only the holder releases the lock, in one atomic step: a load that overran its lease must not
   * free a newer holder's lock (GET then DEL could, if the lease ran out between the two).
   */
  private async releaseLock(key: string, token: string): Promise<void> {
    await this.config.guard(
      (kv) => kv.delIfEquals(this.lockKey(key), token),
      () => false,
    );
  }
}
