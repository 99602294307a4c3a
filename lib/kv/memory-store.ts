import { decodeValue, encodeValue } from './codec';
import { integerArg, NOT_INTEGER, takeArg } from './counters';
import { KvCommandError } from './errors';
import type { RangeOptions, ScoredMember, SetOptions } from './types';

/**
 * The data behind the in-process store. It keeps Redis semantics where the app can observe them:
 * values held as strings, integer checks on INCR, TTL rules, sorted-set ordering, so code tested
 * against it behaves the same against real Redis.
 */

type Sorted = ScoredMember[];
type StringEntry = { type: 'string'; value: string; expiresAt: number | null };
type ZsetEntry = {
  type: 'zset';
  scores: Map<string, number>;
  sorted: Sorted | null;
  expiresAt: number | null;
};
type Entry = StringEntry | ZsetEntry;

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_FLOAT = 'ERR value is not a valid float';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const fail = (message: string): never => {
  throw new KvCommandError(message);
};

/** Redis stores integers in canonical decimal form only ("01", "+1", "-0" are not integers). */
function parseStoredInteger(text: string): bigint {
  if (!/^(0|-?[1-9]\d{0,19})$/.test(text)) return fail(NOT_INTEGER);
  const n = BigInt(text);
  return n < INT64_MIN || n > INT64_MAX ? fail(NOT_INTEGER) : n;
}

// Redis orders members by their bytes; for UTF-8 that is code point order, which differs from
// JavaScript's UTF-16 order only between surrogate pairs and U+E000..U+FFFF.
function compareMembers(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export class MemoryStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxKeys: number) {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, entry: Entry): void {
    // Re-inserting keeps the map in write order, so eviction drops the least recently written key.
    this.entries.delete(key);
    if (this.entries.size >= this.maxKeys) {
      this.sweep();
      const oldest = this.entries.keys().next();
      if (this.entries.size >= this.maxKeys && !oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }

  private stringAt(key: string): StringEntry | undefined {
    const entry = this.live(key);
    return entry === undefined || entry.type === 'string' ? entry : fail(WRONGTYPE);
  }

  private zsetAt(key: string): ZsetEntry | undefined {
    const entry = this.live(key);
    return entry === undefined || entry.type === 'zset' ? entry : fail(WRONGTYPE);
  }

  sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
    }
  }

  get(key: string): unknown {
    return decodeValue(this.stringAt(key)?.value);
  }

  /** MGET answers nil for keys of another type instead of failing. */
  getLenient(key: string): unknown {
    const entry = this.live(key);
    return entry?.type === 'string' ? decodeValue(entry.value) : null;
  }

  set(key: string, value: unknown, options: SetOptions = {}): boolean {
    const text = encodeValue(value);
    // Same precedence as @upstash/redis: `ex` wins over `px` when both are given.
    const ttlMs =
      options.ex !== undefined
        ? integerArg(options.ex) * 1000
        : options.px !== undefined
          ? integerArg(options.px)
          : null;
    if (ttlMs !== null && ttlMs <= 0) fail("ERR invalid expire time in 'set' command");
    if (options.nx && this.live(key)) return false;
    this.write(key, {
      type: 'string',
      value: text,
      expiresAt: ttlMs === null ? null : Date.now() + ttlMs,
    });
    return true;
  }

  del(keys: string[]): number {
    let removed = 0;
    for (const key of new Set(keys)) {
      if (this.live(key)) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  exists(key: string): boolean {
    return this.live(key) !== undefined;
  }

  incrby(key: string, by: number): number {
    const step = BigInt(integerArg(by));
    const entry = this.stringAt(key);
    const next = (entry ? parseStoredInteger(entry.value) : 0n) + step;
    if (next < INT64_MIN || next > INT64_MAX) fail('ERR increment or decrement would overflow');
    if (entry) entry.value = next.toString();
    else this.write(key, { type: 'string', value: next.toString(), expiresAt: null });
    return Number(next);
  }

  /** Like the Lua script: no key → null, too few left → -1, else DECRBY; the expiry stays. */
  decrbyIfAtLeast(key: string, by: number): number | null {
    const step = BigInt(takeArg(by));
    const entry = this.stringAt(key);
    if (!entry) return null;
    const current = parseStoredInteger(entry.value);
    if (current < step) return -1;
    entry.value = (current - step).toString();
    return Number(current - step);
  }

  incrbyIfExists(key: string, by: number): number | null {
    integerArg(by);
    return this.stringAt(key) ? this.incrby(key, by) : null;
  }

  /** Like the Lua script: GET (WRONGTYPE for a sorted set), then DEL only on an exact match. */
  delIfEquals(key: string, value: unknown): boolean {
    const text = encodeValue(value);
    const entry = this.stringAt(key);
    if (!entry || entry.value !== text) return false;
    this.entries.delete(key);
    return true;
  }

  pexpire(key: string, ms: number): boolean {
    integerArg(ms);
    const entry = this.live(key);
    if (!entry) return false;
    // As in Redis, a timeout in the past deletes the key at once.
    if (ms <= 0) this.entries.delete(key);
    else entry.expiresAt = Date.now() + ms;
    return true;
  }

  pttl(key: string): number {
    const entry = this.live(key);
    if (!entry) return -2;
    return entry.expiresAt === null ? -1 : Math.max(0, entry.expiresAt - Date.now());
  }

  zadd(key: string, members: ScoredMember[]): number {
    for (const { score } of members) if (!Number.isFinite(score)) fail(NOT_FLOAT);
    if (members.length === 0) return 0;
    const entry = this.zsetAt(key) ?? this.newZset(key);
    let added = 0;
    for (const { member, score } of members) {
      if (!entry.scores.has(member)) added++;
      entry.scores.set(member, score);
    }
    entry.sorted = null;
    return added;
  }

  zincrby(key: string, by: number, member: string): number {
    if (!Number.isFinite(by)) fail(NOT_FLOAT);
    const entry = this.zsetAt(key) ?? this.newZset(key);
    const score = (entry.scores.get(member) ?? 0) + by;
    entry.scores.set(member, score);
    entry.sorted = null;
    return score;
  }

  zscore(key: string, member: string): number | null {
    return this.zsetAt(key)?.scores.get(member) ?? null;
  }

  zrem(key: string, members: string[]): number {
    const entry = this.zsetAt(key);
    if (!entry) return 0;
    let removed = 0;
    for (const member of members) if (entry.scores.delete(member)) removed++;
    if (removed > 0) entry.sorted = null;
    if (entry.scores.size === 0) this.entries.delete(key);
    return removed;
  }

  zcard(key: string): number {
    return this.zsetAt(key)?.scores.size ?? 0;
  }

  zrange(key: string, start: number, stop: number, options: RangeOptions = {}): ScoredMember[] {
    integerArg(start);
    integerArg(stop);
    const entry = this.zsetAt(key);
    if (!entry) return [];
    entry.sorted ??= [...entry.scores]
      .map(([member, score]) => ({ member, score }))
      .sort((a, b) => a.score - b.score || compareMembers(a.member, b.member));
    const length = entry.sorted.length;
    const from = Math.max(0, start < 0 ? start + length : start);
    const to = Math.min(length - 1, stop < 0 ? stop + length : stop);
    if (from > to) return [];
    // Reverse order is exactly the ascending order read backwards, ties included.
    const pick = (rank: number) => entry.sorted![options.rev ? length - 1 - rank : rank]!;
    const result: ScoredMember[] = [];
    for (let rank = from; rank <= to; rank++) result.push({ ...pick(rank) });
    return result;
  }

  delPattern(pattern: string): number {
    const matcher = globToRegExp(pattern);
    const matching = [...this.entries.keys()].filter((key) => matcher.test(key));
    return this.del(matching);
  }

  private newZset(key: string): ZsetEntry {
    const entry: ZsetEntry = { type: 'zset', scores: new Map(), sorted: null, expiresAt: null };
    this.write(key, entry);
    return entry;
  }
}
