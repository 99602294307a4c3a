/**
 * `npm run worker`: runs the background job worker alone (no web server), e.g. as its own
 * container next to app instances started with RUN_WORKER=false. Stops cleanly on SIGINT/SIGTERM,
 * finishing the job in hand; a job cut off harder is picked up again once its lease expires.
 */
import { closeDb } from '@/db/client';
import { startJobWorker } from '@/lib/server/jobs';
import { log } from '@/lib/log';

const worker = startJobWorker();

async function shutdown(signal: string) {
  log.info({ signal }, 'worker shutting down');
  await worker.stop();
  await closeDb().catch(() => undefined);
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
