import 'server-only';
import {
  getDb,
  parseLsn,
  primaryDb,
  readDbAfter,
  readsFromReplica,
  writePosition,
  type Db,
} from '@/db/client';
import { withKv } from '@/lib/kv';
import { log } from '@/lib/log';

/**
 * Read-your-writes with a read replica (DATABASE_READ_URL).
 *
 * Reads go to the replica, which replays the primary's WAL a moment later. A shopper who has just
 * written (placed an order, paid, changed the cart, claimed a gift) and then reads it back, in the
 * same request or the next one (the order page after the checkout's redirect, /pay), could be
 * shown the world from before the write: an order that "does not exist", a payment page that
 * 404s, a library without the game just bought.
 *
 * The choice, of the options the issue weighed:
 * - A per-request flag (AsyncLocalStorage) would only cover the same request, and the failures
 *   that matter happen on the *next* one, often served by another instance.
 * - A "wrote recently" window per user (reads on the primary for N seconds) is simple, but N is a
 *   guess: too short and a lagging replica still serves stale pages, too long and every active
 *   shopper's reads land on the primary.
 * - Chosen: after a write commits, the writer's marker (`rw:u:<userId>` or `rw:g:<guestId>`, in
 *   the shared store so every instance sees it) holds the primary's WAL position. A read for that
 *   writer goes to the replica only once the replica has replayed that position
 *   (`pg_last_wal_replay_lsn()`), else to the primary. Usually the replica is there within
 *   milliseconds, so nearly every read still goes to the replica; a replica minutes behind sends
 *   just the writers' reads to the primary until it catches up. Other people's reads are not
 *   concerned: they never wait for someone else's write.
 * The marker expires after MARKER_TTL_SECONDS: a replica that far behind is broken, and is for the
 * health checks, not for this.
 *
 * Without a replica every function here is a no-op that costs nothing (no marker, no query).
 * When the shared store is unreachable the decision falls back to this process's own markers,
 * and with none of those to the primary: it cannot be known whether another instance wrote.
 */

/** Whose writes a read must see: a signed-in shopper or a guest (their cart). */
export type Writer = { userId: string } | { guestId: string };

export const MARKER_TTL_SECONDS = 60;

/** Never passed by a replica: for a write whose position could not be read (reads go to the primary until the marker expires). */
const UNKNOWN_POSITION = 'FFFFFFFF/FFFFFFFF';

export const markerKey = (w: Writer) => ('userId' in w ? `rw:u:${w.userId}` : `rw:g:${w.guestId}`);

/** This process's own markers: a fallback while the shared store is unreachable. */
const LOCAL_LIMIT = 5000;
const local = new Map<string, { lsn: string; expiresAt: number }>();

function rememberLocally(key: string, lsn: string): void {
  local.delete(key);
  local.set(key, { lsn, expiresAt: Date.now() + MARKER_TTL_SECONDS * 1000 });
  // Oldest first in a Map: evict from the front.
  while (local.size > LOCAL_LIMIT) local.delete(local.keys().next().value!);
}

function localMarker(key: string): string | null {
  const entry = local.get(key);
  if (!entry) return null;
  if (entry.expiresAt <= Date.now()) {
    local.delete(key);
    return null;
  }
  return entry.lsn;
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return parseLsn(a) >= parseLsn(b) ? a : b;
}

/**
 * Records that `writers` have just written: call it after the write has committed (after the
 * transaction, not inside it), before the response goes out. Their reads through `readerFor` see
 * the write from now on, on every instance.
 */
export async function noteWrite(...writers: Array<Writer | null | undefined>): Promise<void> {
  const targets = writers.filter((w): w is Writer => Boolean(w));
  if (!targets.length || !(await readsFromReplica())) return;
  let lsn: string;
  try {
    lsn = (await writePosition()) ?? UNKNOWN_POSITION;
  } catch (err) {
    log.warn(
      { err },
      "could not read the primary's WAL position after a write; the writer reads from the primary for a while",
    );
    lsn = UNKNOWN_POSITION;
  }
  const keys = targets.map(markerKey);
  for (const key of keys) rememberLocally(key, lsn);
  await withKv(
    async (kv) => {
      const pipeline = kv.pipeline();
      for (const key of keys) pipeline.set(key, lsn, { ex: MARKER_TTL_SECONDS });
      await pipeline.exec();
    },
    () => undefined,
  );
}

/**
 * The WAL position a read for `writer` must have seen: null when they wrote nothing lately, and
 * UNKNOWN_POSITION when that cannot be known (the shared store down, no local marker).
 */
async function markerOf(writer: Writer): Promise<string | null> {
  const key = markerKey(writer);
  const mine = localMarker(key);
  const shared = await withKv(
    async (kv) => {
      const value = await kv.get<string>(key);
      return typeof value === 'string' ? value : null;
    },
    () => (mine ? null : UNKNOWN_POSITION),
  );
  try {
    return later(mine, shared);
  } catch {
    // A marker that is not a WAL position (a foreign value under our key): play safe.
    return UNKNOWN_POSITION;
  }
}

/**
 * The database for reads whose result the writer must see consistent with their own writes (their
 * orders, payments, library, cart): the replica once it has replayed their last write, else the
 * primary. No writer (an anonymous read), or no replica: the usual database.
 */
export async function readerFor(writer: Writer | null | undefined): Promise<Db> {
  if (!writer || !(await readsFromReplica())) return getDb();
  const marker = await markerOf(writer);
  if (marker === UNKNOWN_POSITION) return primaryDb();
  return readDbAfter(marker);
}

/** For tests: forgets this process's markers. */
export function resetReadYourWritesForTests(): void {
  local.clear();
}
