import 'server-only';
import { createHash } from 'node:crypto';
import { createMemoryKv, withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import { RateLimitedError } from '@/lib/errors';
import { hitWindows, type RateCheck, type RateResult, type RateRule } from './window';

export type { RateCheck, RateResult, RateRule };

// When Redis is unreachable each instance limits on its own: weaker than a shared count (N
// instances allow N times the limit) but far better than no limit at all.
let localStore: Kv | undefined;
function localKv(): Kv {
  localStore ??= createMemoryKv();
  return localStore;
}

/** Counts one attempt for every check: in Redis, shared by all instances, or locally when Redis is down. */
export function consumeRateLimits(checks: RateCheck[]): Promise<RateResult[]> {
  return withKv(
    (kv) => hitWindows(kv, checks),
    () => hitWindows(localKv(), checks),
  );
}

/** Counts the attempt and throws a 429-mapped RateLimitedError (with Retry-After) if any check refuses it. */
export async function enforceRateLimits(checks: RateCheck[]): Promise<void> {
  const results = await consumeRateLimits(checks);
  const refused = results.filter((r) => !r.allowed);
  if (refused.length > 0) {
    const seconds = Math.max(...refused.map((r) => r.retryAfterSeconds));
    throw new RateLimitedError(
      seconds,
      `Too many attempts. Try again in ${describeWait(seconds)}.`,
    );
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * A limit subject that does not put personal data (emails) into Redis keys in clear text.
 * Unsalted on purpose: every instance must arrive at the same key.
 */
export function subjectOf(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 32);
}

/** Forgets the in-process fallback counters (tests). */
export function resetLocalRateLimits(): void {
  localStore = undefined;
}
