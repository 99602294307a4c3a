import type postgres from 'postgres';
import { DatabaseUnavailableError, isCannotConnect, isConnectionLost } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drizzle takes the client untyped
type Sql = postgres.Sql<any>;

export type AvailabilityOptions = {
  /**
   * Longest a statement or transaction may wait for a connection. Past it the caller is answered
   * "unavailable"; once it runs, `statement_timeout` bounds it on the server.
   */
  startTimeoutMs: number;
  /** Pause between two probes of a database that is down. */
  probeIntervalMs: number;
  /** Longest one probe may take before it counts as failed. */
  probeTimeoutMs: number;
  /** One round trip on a connection of its own (so it never queues behind the pool's waiters). */
  probe: () => Promise<unknown>;
  onChange?: (state: 'up' | 'down', err?: unknown) => void;
};

export type GuardedClient = {
  /** The client to give drizzle: the pool's own, with waiting bounded and a known outage refused at once. */
  client: Sql;
  state: () => 'up' | 'down';
  /** Stops probing (closing the database). */
  stop: () => void;
};

type Abandon = (err: Error) => void;

/**
 * Keeps requests from piling up behind a database that cannot be reached. postgres.js on its own
 * queues every query while it reconnects, and queued queries only fail one per connection attempt:
 * at 100 requests a second, answers took tens of seconds during a restart. Here:
 * - a statement or transaction that has not started within `startTimeoutMs` is answered with a
 *   DatabaseUnavailableError (its query may still run later: nothing started is ever cut);
 * - a failure to connect marks the database down: everything waiting is answered at once, and new
 *   work is refused without queueing, until a probe (every `probeIntervalMs`) gets through;
 * - a connection lost mid-way (a restart, an admin's terminate) starts a probe, which decides.
 * postgres.js reconnects by itself, so recovery needs no restart of the app.
 */
export function guardClient(sql: Sql, options: AvailabilityOptions): GuardedClient {
  let down = false;
  let stopped = false;
  let probing = false;
  const waiting = new Set<Abandon>();

  function markDown(err: unknown): void {
    if (stopped) return;
    if (!down) {
      down = true;
      options.onChange?.('down', err);
    }
    for (const abandon of [...waiting]) abandon(new DatabaseUnavailableError());
    startProbing();
  }

  function markUp(): void {
    if (!down) return;
    down = false;
    options.onChange?.('up');
  }

  function observe(err: unknown): void {
    if (isCannotConnect(err)) markDown(err);
    else if (isConnectionLost(err)) startProbing();
  }

  function startProbing(): void {
    if (probing || stopped) return;
    probing = true;
    void (async () => {
      try {
        while (!stopped) {
          try {
            await withTimeout(options.probe(), options.probeTimeoutMs);
            markUp();
            return;
          } catch (err) {
            markDown(err);
          }
          await sleep(options.probeIntervalMs);
        }
      } finally {
        probing = false;
      }
    })();
  }

  /**
   * Runs `start` unless the database is known down, and answers "unavailable" if it has not
   * `begun()` within the start timeout or the database is found down meanwhile.
   */
  function bounded<T>(
    start: (begun: () => boolean) => PromiseLike<T>,
    hasBegun: () => boolean,
  ): Promise<T> {
    if (down) return Promise.reject(new DatabaseUnavailableError());
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        waiting.delete(abandon);
      };
      const abandon: Abandon = (err) => {
        if (settled || hasBegun()) return;
        settle();
        reject(err);
      };
      const timer = setTimeout(() => {
        if (hasBegun()) return waiting.delete(abandon);
        abandon(new DatabaseUnavailableError('The database did not answer in time.'));
        startProbing();
      }, options.startTimeoutMs);
      timer.unref?.();
      waiting.add(abandon);
      start(() => settled).then(
        (value) => {
          if (settled) return;
          settle();
          resolve(value);
        },
        (err: unknown) => {
          observe(err);
          if (settled) return;
          settle();
          reject(err);
        },
      );
    });
  }

  /** drizzle calls `unsafe(text, params, opts)` and then `.values()` on what it returns, or awaits it. */
  function unsafe(...args: Parameters<Sql['unsafe']>) {
    const query = sql.unsafe(...args);
    // A query's `state` is set when postgres.js sends it on a connection.
    const run = () =>
      bounded(
        () => query,
        () => (query as unknown as { state: unknown }).state != null,
      );
    let result: Promise<unknown> | undefined;
    const pending = {
      values() {
        query.values();
        return pending;
      },
      raw() {
        query.raw();
        return pending;
      },
      then<A, B>(
        onOk?: ((v: unknown) => A | PromiseLike<A>) | null,
        onErr?: ((e: unknown) => B | PromiseLike<B>) | null,
      ) {
        result ??= run();
        return result.then(onOk, onErr);
      },
      catch<B>(onErr: (e: unknown) => B | PromiseLike<B>) {
        return pending.then(undefined, onErr);
      },
      finally(fn: () => void) {
        result ??= run();
        return result.finally(fn);
      },
    };
    return pending;
  }

  function begin(...args: unknown[]) {
    const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
    const mode = args[0] as string | undefined;
    let begun = false;
    return bounded(
      (abandoned) => {
        const body = (tx: postgres.TransactionSql) => {
          // A transaction that got its connection after the caller was answered must not run.
          if (abandoned()) throw new DatabaseUnavailableError();
          begun = true;
          return fn(tx);
        };
        return mode === undefined ? sql.begin(body) : sql.begin(mode, body);
      },
      () => begun,
    );
  }

  const client = new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') return unsafe;
      if (prop === 'begin') return begin;
      return Reflect.get(target, prop, receiver);
    },
  });

  return {
    client,
    state: () => (down ? 'down' : 'up'),
    stop: () => {
      stopped = true;
      for (const abandon of [...waiting])
        abandon(new DatabaseUnavailableError('The database was closed.'));
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new DatabaseUnavailableError('The probe timed out.')),
      ms,
    );
    timer.unref?.();
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
