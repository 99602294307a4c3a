#!/usr/bin/env node
/**
 * `npm start`: the production server on every core. Node runs JavaScript on one core, so the
 * primary process forks one Next server per core (`WEB_CONCURRENCY`, default: the cores this
 * process may use) and Node's cluster module spreads connections over them; a worker that dies
 * is replaced. Instances keep no state of their own, so workers are instances like any other.
 *   PORT=3000 HOST=0.0.0.0 WEB_CONCURRENCY=2 npm start
 */
import cluster from 'node:cluster';
import net from 'node:net';
import os from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.env.NODE_ENV = 'production';
// The workers' environment, .env files included, decides whether they may share their stores.
require('@next/env').loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });

/** A positive whole number from the environment, or the fallback; anything else stops the start. */
function count(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[1-9]\d{0,6}$/.test(raw)) {
    console.error(`[arcade] Invalid environment: ${name}: must be a positive whole number`);
    process.exit(1);
  }
  return Number(raw);
}

/**
 * The embedded stores (PGlite in .data/, the in-process Redis stand-in) belong to one process:
 * two would corrupt PGlite's files and keep sessions, caches and limits apart. Several workers
 * only with a real PostgreSQL and Redis.
 */
const sharedStores =
  Boolean(process.env.DATABASE_URL) &&
  Boolean(process.env.REDIS_URL || process.env.UPSTASH_REDIS_REST_URL);
const workers = sharedStores ? count('WEB_CONCURRENCY', os.availableParallelism()) : 1;
const port = count('PORT', 3000);
const hostname = process.env.HOST || undefined;
/** Connections waiting to be accepted; the kernel caps it at net.core.somaxconn (README). */
const backlog = count('LISTEN_BACKLOG', 4096);
/** Longer than the balancer's upstream keep-alive (nginx: 4 s), so it never reuses a socket we close. */
const keepAliveTimeout = count('KEEP_ALIVE_TIMEOUT_MS', 65_000);

// Each worker hashes passwords in its own thread pool: together they fill the cores, no more.
process.env.HASH_POOL_THREADS ||= String(
  Math.max(1, Math.floor(os.availableParallelism() / workers)),
);

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  /** Deaths within a minute of their start: a worker that cannot start must not loop forever. */
  let quickDeaths = 0;
  const fork = () => {
    const worker = cluster.fork();
    worker.startedAt = Date.now();
  };
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (Date.now() - worker.startedAt < 60_000 && ++quickDeaths >= workers * 3) {
      console.error('[arcade] workers keep failing at start; stopping');
      stop('SIGTERM', 1);
      return;
    }
    console.error(
      `[arcade] worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000);
  });
  function stop(signal, code = 0) {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const left = () => Object.keys(cluster.workers ?? {}).length;
    const check = setInterval(() => {
      if (left() === 0) process.exit(code);
    }, 100);
    check.unref();
    // Workers finish what they serve first; past this they are stopped, and that is a failure.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, 30_000).unref();
  }
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} else {
  // Next listens with Node's default backlog (511); a crowd arriving at once needs more room.
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    if (
      typeof args[0] === 'number' &&
      args.length <= 2 &&
      (args[1] === undefined || typeof args[1] === 'string')
    ) {
      return listen.call(this, { port: args[0], host: args[1], backlog });
    }
    return listen.apply(this, args);
  };
  const { nextStart } = require('next/dist/cli/next-start');
  await nextStart({ port, hostname, keepAliveTimeout }, process.cwd());
}
