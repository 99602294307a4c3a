import 'server-only';
import { withKv } from '@/lib/kv';
import { log } from '@/lib/log';
import { keys, utcDay } from './keys';
import { addViews } from './source';

const VIEW_FLUSH_MS = 5000;

type ViewBuffer = { counts: Map<string, number>; timer: ReturnType<typeof setTimeout> | null; flushing: Promise<void> | null };

const slot = globalThis as unknown as { __arcadeViews?: ViewBuffer };

function buffer(): ViewBuffer {
  slot.__arcadeViews ??= { counts: new Map(), timer: null, flushing: null };
  return slot.__arcadeViews;
}

/**
 * Counts a product page view. Views are summed in memory and written every few seconds in one
 * Redis pipeline and one Postgres statement, so a popular page costs no write per request.
 */
export function recordView(productId: string): void {
  const views = buffer();
  views.counts.set(productId, (views.counts.get(productId) ?? 0) + 1);
  if (!views.timer) {
    views.timer = setTimeout(() => void flushViews(), VIEW_FLUSH_MS);
    // A pending flush must not keep a script or test process alive.
    views.timer.unref?.();
  }
}

/** Views counted but not yet written. */
export function pendingViews(): number {
  let total = 0;
  for (const n of buffer().counts.values()) total += n;
  return total;
}

/** Writes buffered views now: Redis for the board, Postgres as the durable record. */
export async function flushViews(): Promise<void> {
  const views = buffer();
  if (views.timer) clearTimeout(views.timer);
  views.timer = null;
  await views.flushing;
  if (views.counts.size === 0) return;
  const counts = views.counts;
  views.counts = new Map();
  views.flushing = write(counts).finally(() => {
    views.flushing = null;
  });
  await views.flushing;
}

async function write(counts: Map<string, number>): Promise<void> {
  const day = utcDay(new Date());
  try {
    await addViews(day, counts);
  } catch (err) {
    // Postgres is the record: keep the counts for the next flush rather than lose them.
    log.warn({ err }, 'could not record product views; retrying with the next flush');
    const views = buffer();
    for (const [id, n] of counts) views.counts.set(id, (views.counts.get(id) ?? 0) + n);
    return;
  }
  await withKv(
    async (kv) => {
      const pipeline = kv.pipeline();
      for (const [id, n] of counts) pipeline.zincrby(keys.mostViewed, n, id);
      await pipeline.exec();
    },
    // The board catches up at the next rebuild from product_views.
    () => undefined,
  );
}
