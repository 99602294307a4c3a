import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { log } from '@/lib/log';
import { enqueue } from './queue';
import { defaultWorkerId, runDueJobs } from './worker';

const POLL_MS = 1_000;
const SWEEP_EVERY_MS = 60_000;
const KEEP_DONE_DAYS = 7;
/** Abandoned guest carts and answered idempotency keys stop being useful after these. */
const KEEP_GUEST_CARTS_DAYS = 30;
const KEEP_IDEMPOTENCY_HOURS = 24;

type Running = { stop: () => Promise<void> };
const slot = globalThis as typeof globalThis & { __arcadeWorker?: Running };

/**
 * Queues the periodic expiry sweep once per minute across all instances (the dedupe key is the
 * minute) and trims tables that only grow. Only the instance whose enqueue won the minute trims,
 * so N instances (all starting at once on a deploy) do not repeat the same deletes N times.
 */
async function scheduleHousekeeping(): Promise<void> {
  const db = await getDb();
  const minute = Math.floor(Date.now() / 60_000);
  if (
    !(await enqueue(db, {
      type: 'orders.expire_sweep',
      payload: {},
      dedupeKey: `expire-sweep:periodic:${minute}`,
    }))
  )
    return;
  await db.execute(
    sql`delete from jobs where status = 'done' and completed_at < now() - make_interval(days => ${KEEP_DONE_DAYS})`,
  );
  await db.execute(
    sql`delete from carts where guest_id is not null and updated_at < now() - make_interval(days => ${KEEP_GUEST_CARTS_DAYS})`,
  );
  await db.execute(
    sql`delete from idempotency_keys where created_at < now() - make_interval(hours => ${KEEP_IDEMPOTENCY_HOURS})`,
  );
}

/**
 * Polls the durable queue in this process until stopped. Several instances may run it at once:
 * jobs are leased with SKIP LOCKED, so each runs on one worker at a time. Idempotent per process.
 */
export function startWorker(options: { pollMs?: number } = {}): Running {
  if (slot.__arcadeWorker) return slot.__arcadeWorker;
  const workerId = defaultWorkerId();
  const pollMs = options.pollMs ?? POLL_MS;
  let stopped = false;
  let lastSweep = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await scheduleHousekeeping();
      }
      // Keep going while there is a backlog; rest between empty polls.
      while (!stopped && (await runDueJobs({ workerId })) > 0);
    } catch (err) {
      log.warn({ err }, 'job worker poll failed');
    }
  };
  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  };
  loop();
  log.info({ workerId }, 'job worker started');

  const running: Running = {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      slot.__arcadeWorker = undefined;
      log.info({ workerId }, 'job worker stopped');
    },
  };
  slot.__arcadeWorker = running;
  return running;
}

export async function stopWorker(): Promise<void> {
  await slot.__arcadeWorker?.stop();
}
