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
   * How long this process trusts the namespace version it last read before asking Redis again.
   * Bounds how late another instance's invalidation is seen; 0 asks on every read.
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

/** What Redis holds per key: the namespace version it was loaded under, and the value or a miss. */
type Stored<T> = { v: number; d?: T; m?: 1 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function emptyStats(): CacheStats {
  return { hits: 0, localHits: 0, negativeHits: 0, misses: 0, loads: 0, bypasses: 0, waits: 0 };
}

/**
 * Read-through cache shared by every instance through Redis, with a small in-process layer in
 * front so a warm read costs no network round trip.
 *
 * Invalidation bumps one namespace version in Redis; entries remember the version they were
 * loaded under and count as missing once it moves, so one INCR retires every key on every
 * instance without scanning.
 */
export class ReadThroughCache {
  private readonly local: LocalEntries;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private known: { version: number; at: number } | null = null;
  private versionRead: Promise<number | null> | null = null;
  /** An invalidation that could not reach Redis; applied as soon as Redis answers again. */
  private pendingBump = false;
  private counters = emptyStats();
  private readonly prefix: string;

  constructor(private readonly config: CacheConfig) {
    this.prefix = `cache:${config.namespace}:`;
    this.local = new LocalEntries(config.localMaxEntries ?? 1000);
  }

  get versionKey(): string {
    return `${this.prefix}version`;
  }

  dataKey(key: string): string {
    return `${this.prefix}d:${key}`;
  }

  private lockKey(key: string): string {
    return `${this.prefix}lock:${key}`;
  }

  stats(): CacheStats {
    return { ...this.counters };
  }

  async read<T>(key: string, loader: Loader<T>, options: ReadOptions = {}): Promise<T | null> {
    const coherenceMs = this.config.coherenceMs ?? 250;
    const now = Date.now();
    if (this.known && now - this.known.at < coherenceMs) {
      const entry = this.local.get(key, this.known.version, now);
      if (entry) return this.hit<T>(entry.value as Stored<T>, true);
    }

    // Concurrent misses of one key share one Redis lookup and, if needed, one load.
    return this.singleFlight(key, () => this.fetch(key, loader, options));
  }

  private async fetch<T>(key: string, loader: Loader<T>, options: ReadOptions): Promise<T | null> {
    const found = await this.config.guard(
      async (kv) => {
        const [rawVersion, stored] = await kv.mget<unknown>(this.versionKey, this.dataKey(key));
        return { version: await this.settleVersion(kv, rawVersion), stored: stored as Stored<T> | null };
      },
      () => null,
    );
    if (!found) return this.bypass(loader);

    const { version, stored } = found;
    if (stored && stored.v === version) {
      this.remember(key, stored, this.lifetime(stored, options));
      return this.hit(stored, false);
    }
    this.count('misses', 'miss');
    return this.loadOnce(key, version, loader, options);
  }

  /**
   * The namespace version this process may trust now (read from Redis at most every
   * `coherenceMs`, one read shared by concurrent callers), or null when Redis is unreachable.
   * Lets other caches (rendered pages) follow the same invalidation.
   */
  async currentVersion(): Promise<number | null> {
    const coherenceMs = this.config.coherenceMs ?? 250;
    if (this.known && Date.now() - this.known.at < coherenceMs) return this.known.version;
    this.versionRead ??= this.config
      .guard(
        async (kv) => this.settleVersion(kv, await kv.get<unknown>(this.versionKey)),
        () => null,
      )
      .finally(() => {
        this.versionRead = null;
      });
    return this.versionRead;
  }

  /** Retires every entry of the namespace on every instance. */
  async invalidate(): Promise<void> {
    this.local.clear();
    const version = await this.config.guard(
      (kv) => kv.incr(this.versionKey),
      () => null,
    );
    if (version === null) {
      this.pendingBump = true;
      this.known = null;
      return;
    }
    this.pendingBump = false;
    this.known = { version, at: Date.now() };
  }

  private async settleVersion(kv: Kv, raw: unknown): Promise<number> {
    let version = Number(raw ?? 0) || 0;
    if (this.pendingBump) {
      version = await kv.incr(this.versionKey);
      this.pendingBump = false;
    }
    if (this.known?.version !== version) this.local.clear();
    this.known = { version, at: Date.now() };
    return version;
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

  private remember<T>(key: string, stored: Stored<T>, seconds: number): void {
    this.local.set(key, stored, stored.v, Date.now() + seconds * 1000);
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

  private async loadOnce<T>(key: string, version: number, loader: Loader<T>, options: ReadOptions): Promise<T | null> {
    const token = randomUUID();
    const lockMs = this.config.lockMs ?? 5000;
    const locked = await this.config.guard(
      (kv) => kv.set(this.lockKey(key), token, { nx: true, px: lockMs }),
      () => true,
    );
    if (!locked) {
      const stored = await this.waitForOtherLoader<T>(key, version);
      if (stored) {
        this.remember(key, stored, this.lifetime(stored, options));
        return this.hit(stored, false);
      }
    }
    try {
      this.counters.loads++;
      const value = await loader();
      const stored: Stored<T> = value === null ? { v: version, m: 1 } : { v: version, d: value };
      const seconds = this.lifetime(stored, options);
      await this.config.guard(
        (kv) => kv.set(this.dataKey(key), stored, { ex: seconds }),
        () => false,
      );
      this.remember(key, stored, seconds);
      return value;
    } finally {
      if (locked) await this.releaseLock(key, token);
    }
  }

  private async waitForOtherLoader<T>(key: string, version: number): Promise<Stored<T> | null> {
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
      if (stored && stored.v === version) return stored;
    }
    return null;
  }

  /** Only the holder releases the lock: a load that overran its lease must not free a newer one. */
  private async releaseLock(key: string, token: string): Promise<void> {
    await this.config.guard(
      async (kv) => {
        if ((await kv.get<string>(this.lockKey(key))) === token) await kv.del(this.lockKey(key));
      },
      () => undefined,
    );
  }
}
