import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { queryCount } from '@/db/client';

type Metrics = {
  registry: Registry;
  cacheRequests: Counter<'cache' | 'result'>;
};

const globalForMetrics = globalThis as unknown as { __arcadeMetrics?: Metrics };

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'arcade_' });
  const cacheRequests = new Counter({
    name: 'arcade_cache_requests_total',
    help: 'Cache lookups by cache name and result (hit, miss, negative, bypass)',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'arcade_db_queries_total',
    help: 'Statements sent to the database by this instance',
    registers: [registry],
    collect() {
      this.set(queryCount());
    },
  });
  return { registry, cacheRequests };
}

/** One registry per process, shared by every module that records a metric. */
export function metrics(): Metrics {
  globalForMetrics.__arcadeMetrics ??= create();
  return globalForMetrics.__arcadeMetrics;
}
