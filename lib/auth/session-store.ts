import 'server-only';
import { env } from '@/lib/config/env';
import { withKv } from '@/lib/kv';
import type { Kv } from '@/lib/kv/types';
import type { Role, UserStatus } from './types';

/*
 * A session lives in two places. Postgres keeps every session (the truth: revocation, expiry, the
 * list a user sees). Redis keeps a live copy of each active one under `sess:<sid>` with a sliding
 * idle TTL, so the check on every request is one round trip (GET + PEXPIRE + a once-a-minute
 * marker, pipelined). Revocation writes Postgres first, then replaces the copy with a tombstone,
 * which also stops a concurrent check from putting a stale copy back (those only write with NX).
 * A miss is not a verdict: the copy may have been evicted or written while Redis was down, so a
 * miss consults Postgres (alive: not revoked, not expired, seen within the idle window) and caches
 * the answer either way. Once a minute per session the check also touches Postgres (last_seen_at),
 * which re-verifies the copy.
 *
 * A revocation made while Redis was unreachable could not bury the copy. Every instance that fell
 * back to Postgres stamps `sess:epoch` on its first Redis call after the outage (the revoking one
 * retries its tombstones every second, so it does so within about a second of Redis answering,
 * breaker cooldown permitting); each copy verified before the stamp is re-verified against
 * Postgres on its next check, the stamp riding in the same pipeline.
 */

export type LiveCopy = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  expiresAt: number;
  /** When Postgres last confirmed this copy (ms). */
  checkedAt: number;
};
export type Tombstone = { dead: true };

export const TOMBSTONE: Tombstone = { dead: true };
export const EPOCH_KEY = 'sess:epoch';
/** base64url of 32 random bytes. */
export const SID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const liveKey = (sid: string) => `sess:${sid}`;
export const touchKey = (sid: string) => `sess-touch:${sid}`;

export function idleMs(): number {
  return env().SESSION_IDLE_SECONDS * 1000;
}

/**
 * How often, per session, a check writes last_seen_at and re-verifies the copy against Postgres:
 * once a minute, or more often for short idle windows, so the Postgres view of "idle" never lags
 * far behind Redis's.
 */
export function touchSeconds(): number {
  return Math.max(1, Math.min(60, Math.floor(env().SESSION_IDLE_SECONDS / 4)));
}

let outageSeen = false;

/** `withKv` that remembers falling back, and stamps the epoch once Redis answers again. */
export function withSessionKv<T>(
  fn: (kv: Kv) => Promise<T>,
  fallback: () => T | Promise<T>,
): Promise<T> {
  return withKv(
    async (kv) => {
      if (outageSeen) {
        await kv.set(EPOCH_KEY, Date.now());
        outageSeen = false;
      }
      return fn(kv);
    },
    () => {
      outageSeen = true;
      return fallback();
    },
  );
}

export function parseCopy(value: unknown): LiveCopy | Tombstone | null {
  if (!value || typeof value !== 'object') return null;
  if ((value as Tombstone).dead === true) return TOMBSTONE;
  const copy = value as Partial<LiveCopy>;
  if (
    typeof copy.userId !== 'string' ||
    typeof copy.expiresAt !== 'number' ||
    typeof copy.checkedAt !== 'number'
  )
    return null;
  return copy as LiveCopy;
}
