import 'server-only';
import { env } from '@/lib/config/env';
import { ipBucket } from '@/lib/http/client-ip';
import { withKv } from '@/lib/kv';
import { log } from '@/lib/log';
import { consumeRateLimits } from '@/lib/ratelimit';
import { keys, utcDay } from './keys';
import { addViews } from './source';

const VIEW_FLUSH_MS = 5000;

type ViewBuffer = {
  counts: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<void> | null;
};

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

/**
 * Counts a view a browser reported, within two limits: RATE_LIMIT_VIEWS_IP reports per client
 * address, and RATE_LIMIT_VIEWS_PRODUCT counted views per address and game (a reload or a
 * script hammering one game counts once per window). A report past either limit is answered
 * like a counted one (204) and simply not counted: the beacon is fire-and-forget, so a 429 would
 * teach a flooder nothing it can use and would only put errors in the consoles of shoppers who
 * share an address (a NAT, or every client when TRUST_PROXY is off). True when counted.
 */
export async function countView(productId: string, ip: string): Promise<boolean> {
  const e = env();
  const address = ipBucket(ip);
  const results = await consumeRateLimits([
    { rule: { name: 'views:ip', ...e.RATE_LIMIT_VIEWS_IP }, subject: address },
    {
      rule: { name: 'views:product', ...e.RATE_LIMIT_VIEWS_PRODUCT },
      subject: `${productId}:${address}`,
    },
  ]);
  if (!results.every((r) => r.allowed)) return false;
  recordView(productId);
  return true;
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
