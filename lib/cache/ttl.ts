/** Spread of lifetimes around the base, so keys cached together do not all expire together. */
export const TTL_JITTER = 0.15;

/** A lifetime within ±15% of `base` seconds, never below one second. */
export function jitteredSeconds(base: number, random: () => number = Math.random): number {
  const factor = 1 - TTL_JITTER + random() * 2 * TTL_JITTER;
  return Math.max(1, Math.round(base * factor));
}
