import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { jobs } from '@/db/schema';
import { dashboardStats } from '@/lib/admin';
import { queueSummary, type QueueStats } from '@/lib/admin/stats';
import { enqueue } from '@/lib/jobs';

const queue = (q: Partial<QueueStats>): QueueStats => ({
  pending: 0,
  due: 0,
  scheduled: 0,
  running: 0,
  dead: 0,
  oldestPendingSeconds: null,
  nextScheduledSeconds: null,
  ...q,
});

const laterKey = `dashboard-test:${randomUUID()}`;

afterAll(async () => {
  const db = await getDb();
  await db.delete(jobs).where(eq(jobs.dedupeKey, laterKey));
});

describe('the dashboard’s queue card', () => {
  it('says the queue is empty only when nothing is pending at all', () => {
    expect(queueSummary(queue({}))).toEqual({ value: 0, detail: 'Queue is empty' });
  });

  it('counts jobs scheduled for later apart from jobs due, never "4 waiting" beside "empty"', () => {
    expect(queueSummary(queue({ pending: 4, scheduled: 4, nextScheduledSeconds: 300 }))).toEqual({
      value: 0,
      detail: 'None due now; 4 scheduled for later (next in 5 min)',
    });
    expect(
      queueSummary(
        queue({
          pending: 5,
          due: 2,
          scheduled: 3,
          oldestPendingSeconds: 12,
          nextScheduledSeconds: 7200,
        }),
      ),
    ).toEqual({ value: 2, detail: 'Oldest waiting 12s; 3 scheduled for later (next in 2 h)' });
    expect(queueSummary(queue({ pending: 1, due: 1, oldestPendingSeconds: 0 }))).toEqual({
      value: 1,
      detail: 'Oldest waiting 0s',
    });
  });

  it('splits pending jobs into due and scheduled on the database’s clock', async () => {
    const db = await getDb();
    await enqueue(db, {
      type: 'orders.expire_sweep',
      payload: {},
      dedupeKey: laterKey,
      runAt: new Date(Date.now() + 3600_000),
    });
    const { queue: q } = await dashboardStats();
    expect(q.scheduled).toBeGreaterThanOrEqual(1);
    expect(q.due + q.scheduled).toBe(q.pending);
    expect(q.nextScheduledSeconds).toBeGreaterThan(0);
    expect(q.nextScheduledSeconds).toBeLessThanOrEqual(3600);
    expect(q.due === 0).toBe(q.oldestPendingSeconds === null);
  });
});
