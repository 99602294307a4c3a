import type { Kv } from '@/lib/kv/types';

/** At most `limit` attempts per `windowSeconds` for one subject (an IP bucket, a hashed email…). */
export type RateRule = { name: string; limit: number; windowSeconds: number };

export type RateCheck = { rule: RateRule; subject: string };

export type RateResult = {
  rule: string;
  allowed: boolean;
  count: number;
  remaining: number;
  /** Seconds until the window that refused the attempt closes; 0 when allowed. */
  retryAfterSeconds: number;
};

/**
 * Counts one attempt against every check in a single round trip (fixed windows: INCR + PEXPIRE
 * per key, pipelined). Fixed windows may let a burst of up to twice the limit straddle a boundary;
 * that is acceptable for abuse limits and buys an honest Retry-After and one command per key.
 * Refused attempts count too, so hammering never shortens the wait.
 */
export async function hitWindows(
  kv: Kv,
  checks: RateCheck[],
  now = Date.now(),
): Promise<RateResult[]> {
  if (checks.length === 0) return [];
  const pipeline = kv.pipeline();
  const windows = checks.map(({ rule, subject }) => {
    const windowMs = rule.windowSeconds * 1000;
    const index = Math.floor(now / windowMs);
    const key = `rl:${rule.name}:${subject}:${index}`;
    // A little slack past the window's end: a key must outlive every instance's idea of "now".
    pipeline.incr(key).pexpire(key, windowMs + 5_000);
    return { rule, closesAt: (index + 1) * windowMs };
  });
  const replies = await pipeline.exec();
  return windows.map(({ rule, closesAt }, i) => {
    const count = Number(replies[i * 2]);
    if (!Number.isFinite(count))
      throw new Error(`rate limit counter for ${rule.name} returned ${String(replies[i * 2])}`);
    const allowed = count <= rule.limit;
    return {
      rule: rule.name,
      allowed,
      count,
      remaining: Math.max(0, rule.limit - count),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((closesAt - now) / 1000)),
    };
  });
}
