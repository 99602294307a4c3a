import 'server-only';
import { after } from 'next/server';
import { log } from '@/lib/log';

/**
 * Runs work once the response has gone out, so a request takes the same time whatever the work
 * finds (no timing oracle) and its failures never reach the client. Outside a Next request (jobs,
 * tests) the work simply runs detached. Returns the work's promise for callers that want it.
 */
export function runAfterResponse(label: string, task: () => Promise<void>): Promise<void> {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const guarded = async () => {
    try {
      await task();
    } catch (err) {
      log.error({ err, task: label }, 'background task failed');
    } finally {
      settle();
    }
  };
  try {
    after(guarded);
  } catch {
    void guarded();
  }
  return done;
}
