import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createElement, isValidElement, type ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDb, getDb, primaryDb, readsFromReplica } from '@/db/client';
import { carts, users } from '@/db/schema';
import { addItem, getCart } from '@/lib/cart';
import { resetEnvForTests } from '@/lib/config/env';
import {
  markerKey,
  noteWrite,
  readerFor,
  resetReadYourWritesForTests,
} from '@/lib/db/read-your-writes';
import { getKv, KvUnavailableError, resetKvForTests, type Kv } from '@/lib/kv';
import { listLibrary } from '@/lib/library';
import { getOrder, listOrders, placeOrder } from '@/lib/orders';
import { handlePaymentWebhook, payHostedPayment, TEST_CARDS, type Deliver } from '@/lib/payments';
import { account, type Account } from '../admin/support';
import { jar, renderToHtml } from '../admin/next-request';
import { key, makeProduct, putInCart } from '../orders/fixtures';
import { addEdition } from '../support/editions';

vi.mock('next/headers', () => import('../admin/next-request'));

const { default: OrderPage } = await import('@/app/orders/[id]/page');
const { default: PayPage } = await import('@/app/pay/[intentId]/page');

/**
 * DATABASE_READ_URL against a real streaming replica: a second PostgreSQL cluster on this machine,
 * made by scripts/replica.sh with pg_basebackup from the test server, on a port and in a directory
 * of this run's own (other runs on the machine make theirs). Replay is paused on it to make the lag
 * that matters visible: a write the primary has and the replica does not.
 */

const run = promisify(execFile);
const SCRIPT = join(process.cwd(), 'scripts/replica.sh');
const DIR_PREFIX = 'arcade-replica-vitest-';

/** Server binaries with pg_basebackup: PG_BIN, else any Debian-installed major version. */
function hasBaseBackup(): boolean {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'pg_basebackup'));
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return false;
  return readdirSync(root).some((major) => existsSync(join(root, major, 'bin/pg_basebackup')));
}

const available = hasBaseBackup();
if (!available) {
  console.warn(
    'replica.test.ts SKIPPED: no pg_basebackup (PostgreSQL server binaries) on this machine; install postgresql-15 or set PG_BIN',
  );
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function replicaScript(command: 'start' | 'stop', env: { port: number; dir: string }) {
  return run('bash', [SCRIPT, command], {
    env: { ...process.env, REPLICA_PORT: String(env.port), REPLICA_DIR: env.dir },
    timeout: 120_000,
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Replicas left by earlier runs of this file that were killed before their clean-up. */
async function removeAbandonedReplicas(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    const m = new RegExp(`^${DIR_PREFIX}(\\d+)-`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    await replicaScript('stop', { port: 0, dir: join(tmpdir(), name) }).catch(() => undefined);
  }
}

const primaryUrl = process.env.DATABASE_URL!;
let replica: { port: number; dir: string } | null = null;
let replicaUrl = '';
let direct: postgres.Sql;
let primarySql: postgres.Sql;

const saved = {
  DATABASE_READ_URL: process.env.DATABASE_READ_URL,
  PAYMENT_WEBHOOK_SECRET: process.env.PAYMENT_WEBHOOK_SECRET,
  AUTH_URL: process.env.AUTH_URL,
};

/** Polls `check` until it holds (hooks cannot use expect.poll). */
async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the replica has replayed everything the primary has flushed so far. */
async function caughtUp(): Promise<void> {
  const [{ lsn }] = await primarySql<
    [{ lsn: string }]
  >`select pg_current_wal_flush_lsn()::text as lsn`;
  await waitFor(
    'the replica to catch up',
    async () => (await direct`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`)[0]!.ok,
  );
}

async function pauseReplay(): Promise<void> {
  await direct`select pg_wal_replay_pause()`;
  await waitFor(
    'replay to pause',
    async () =>
      (await direct`select pg_get_wal_replay_pause_state()::text as s`)[0]!.s === 'paused',
  );
}

async function resumeReplay(): Promise<void> {
  await direct`select pg_wal_replay_resume()`;
}

/** The webhook handed over in process, as the hosted page does when the shop's URL is unreachable. */
const inProcess: Deliver = async (body, signature) => {
  await handlePaymentWebhook(body, signature);
};

describe.skipIf(!available)('reads from a streaming replica (DATABASE_READ_URL)', () => {
  beforeAll(async () => {
    await removeAbandonedReplicas();
    // A port nobody listens on now; another run may take it before the replica binds it: then try another.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !replica; attempt++) {
      const candidate = {
        port: await freePort(),
        dir: join(tmpdir(), `${DIR_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`),
      };
      try {
        await replicaScript('start', candidate);
        replica = candidate;
      } catch (err) {
        lastError = err;
        await replicaScript('stop', candidate).catch(() => undefined);
      }
    }
    if (!replica)
      throw new Error(
        `scripts/replica.sh start failed: ${String((lastError as { stderr?: string })?.stderr ?? lastError)}`,
      );

    // The run's own database, as the replica has it (pg_basebackup copied the whole cluster).
    const url = new URL(primaryUrl);
    url.hostname = '127.0.0.1';
    url.port = String(replica.port);
    replicaUrl = url.toString();
    direct = postgres(replicaUrl, { max: 2, onnotice: () => {} });
    primarySql = postgres(primaryUrl, { max: 1, onnotice: () => {} });

    process.env.DATABASE_READ_URL = replicaUrl;
    process.env.PAYMENT_WEBHOOK_SECRET = 'replica-test-webhook-secret-0123';
    // Nothing listens here: the pay form hands the webhook over in process at once.
    process.env.AUTH_URL = 'http://127.0.0.1:9';
    await closeDb();
    resetEnvForTests();
    resetReadYourWritesForTests();
  }, 180_000);

  afterAll(async () => {
    if (direct) {
      await resumeReplay().catch(() => undefined);
      await direct.end({ timeout: 2 });
    }
    await primarySql?.end({ timeout: 2 });
    await closeDb();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
    if (replica) {
      await replicaScript('stop', replica);
      expect(existsSync(replica.dir)).toBe(false);
    }
  }, 60_000);

  it('is a hot standby streaming from the primary, and the app reads from it', async () => {
    expect(await readsFromReplica()).toBe(true);
    const [state] =
      await direct`select pg_is_in_recovery() as standby, (select status from pg_stat_wal_receiver) as receiver`;
    expect(state).toEqual({ standby: true, receiver: 'streaming' });

    // Written on the primary, visible on the replica a moment later.
    const shopper = await account('customer');
    await expect
      .poll(
        async () =>
          (await direct`select count(*)::int as n from users where id = ${shopper.id}`)[0]!.n,
        { timeout: 15_000, interval: 50 },
      )
      .toBe(1);
    // The replica refuses writes: it really is a standby, not a second primary.
    await expect(direct`create table replica_probe (x int)`).rejects.toThrow(/read-only/);
  });

  describe('while the replica lags (replay paused)', () => {
    let owner: Account;
    let other: Account;
    let physicalGame: Awaited<ReturnType<typeof makeProduct>>;
    let downloadEditionId: string;
    let orderId: string;
    let intentId: string;

    beforeAll(async () => {
      owner = await account('customer');
      other = await account('customer');
      physicalGame = await makeProduct({ stock: 10, title: 'Replica Racer' });
      downloadEditionId = (
        await addEdition(physicalGame.id, { stock: null, delivery: 'download', priceCents: 1500 })
      ).id;
      // Both shoppers start with an empty cart, on the replica too.
      await caughtUp();
      await pauseReplay();
    });

    afterAll(async () => {
      await resumeReplay();
    });

    it('a cart change is read back by its owner (primary) but not yet by a plain replica read', async () => {
      const view = await addItem({ userId: owner.id }, downloadEditionId, 1);
      expect(view.itemCount).toBe(1);

      // The replica has not replayed it: a plain read (the app's ordinary routing) sees no cart.
      const plain = await (await getDb()).select().from(carts).where(eq(carts.userId, owner.id));
      expect(plain).toEqual([]);
      const [onReplica] = await direct`
        select count(*)::int as n from cart_items i join carts c on c.id = i.cart_id where c.user_id = ${owner.id}`;
      expect(onReplica!.n).toBe(0);

      // The owner's read-your-writes path does.
      expect(await readerFor({ userId: owner.id })).toBe(await primaryDb());
      const cart = await getCart({ userId: owner.id });
      expect(cart.items.map((i) => i.editionId)).toEqual([downloadEditionId]);
      // The marker is shared by every instance, in the kv store.
      expect(await getKv().get(markerKey({ userId: owner.id }))).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    });

    it('a guest cart is read back by the guest', async () => {
      const guestId = randomBytes(16).toString('hex');
      await addItem({ guestId }, downloadEditionId, 2);
      expect((await getCart({ guestId })).itemCount).toBe(2);
      const [onReplica] =
        await direct`select count(*)::int as n from carts where guest_id = ${guestId}`;
      expect(onReplica!.n).toBe(0);
    });

    it("other shoppers' reads still go to the replica, and never wait for someone else's write", async () => {
      // Someone else's write on the primary (a test fixture here: no marker for `other`).
      await putInCart(other.id, physicalGame.editionId, 2);
      expect(await readerFor({ userId: other.id })).toBe(await getDb());
      expect(await readerFor(null)).toBe(await getDb());
      // Served by the lagging replica: the line written on the primary is not there yet.
      expect((await getCart({ userId: other.id })).items).toEqual([]);
      expect((await listOrders(other.id)).orders).toEqual([]);
    });

    it('the order page right after checkout finds the order, and /pay opens', async () => {
      const placed = await placeOrder(
        owner.id,
        { billingCountry: 'US', paymentMethod: 'card' },
        key(),
      );
      orderId = placed.order.id;
      intentId = placed.paymentUrl!.split('/').pop()!;

      const [onReplica] = await direct`select count(*)::int as n from orders where id = ${orderId}`;
      expect(onReplica!.n).toBe(0);

      expect((await getOrder(owner.id, orderId)).status).toBe('pending_payment');
      expect((await listOrders(owner.id)).orders.map((o) => o.id)).toEqual([orderId]);

      // The pages themselves, as the browser lands on them after the checkout's redirect.
      jar.cookie = owner.cookie;
      const orderPage = (await OrderPage({
        params: Promise.resolve({ id: orderId }),
        searchParams: Promise.resolve({}),
      })) as ReactElement;
      const orderHtml = await renderToHtml(
        createElement(QueryClientProvider, { client: new QueryClient() }, orderPage),
      );
      expect(orderHtml).toContain(orderId.slice(0, 8));
      expect(orderHtml).toContain('Replica Racer');
      const payPage = (await PayPage({ params: Promise.resolve({ intentId }) })) as ReactElement;
      expect(isValidElement(payPage)).toBe(true);
      const payHtml = await renderToHtml(payPage);
      expect(payHtml).toContain('Arcade Pay');
      expect(payHtml).toContain('data-testid="pay-now"');
      jar.cookie = '';
    });

    it('after paying, the order shows paid and the game is in the library', async () => {
      const outcome = await payHostedPayment(
        owner.id,
        intentId,
        { method: 'card', cardNumber: TEST_CARDS.success },
        inProcess,
      );
      expect(outcome.ok).toBe(true);

      const [onReplica] = await direct`select count(*)::int as n from orders where id = ${orderId}`;
      expect(onReplica!.n).toBe(0);
      expect(['paid', 'fulfilled']).toContain((await getOrder(owner.id, orderId)).status);
      const library = await listLibrary(owner.id);
      expect(library.map((i) => i.editionId)).toContain(downloadEditionId);
    });

    it("once the replica has replayed the writer's last write, their reads go back to it", async () => {
      expect(await readerFor({ userId: owner.id })).toBe(await primaryDb());
      await resumeReplay();
      await expect
        .poll(async () => (await readerFor({ userId: owner.id })) === (await getDb()), {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(true);
      // What the replica now serves: the paid order, and the other shopper's line.
      const [onReplica] =
        await direct`select status::text as status from orders where id = ${orderId}`;
      expect(['paid', 'fulfilled']).toContain(onReplica?.status);
      expect(['paid', 'fulfilled']).toContain((await getOrder(owner.id, orderId)).status);
      expect((await getCart({ userId: other.id })).itemCount).toBe(2);
    });
  });

  describe('when the shared store (Redis) cannot be reached', () => {
    afterAll(() => resetKvForTests());

    it("a writer's reads use this process's marker, and anyone else's go to the primary (their writes cannot be known)", async () => {
      const writer = await account('customer');
      const stranger = await account('customer');
      await caughtUp();
      await pauseReplay();
      try {
        // A write the paused replica has not replayed, noted while the store still answers.
        await (
          await primaryDb()
        )
          .update(users)
          .set({ name: 'Written while Redis works' })
          .where(eq(users.id, writer.id));
        await noteWrite({ userId: writer.id });
        resetKvForTests({ kv: unreachableKv(), cooldownMs: 60_000 });
        // The local marker says: not replayed yet.
        expect(await readerFor({ userId: writer.id })).toBe(await primaryDb());
        // No marker known here, none readable from the store: play safe.
        expect(await readerFor({ userId: stranger.id })).toBe(await primaryDb());
        // Reads that concern nobody's writes (the catalog) keep using the replica.
        expect(await readerFor(null)).toBe(await getDb());
      } finally {
        await resumeReplay();
      }
      await expect
        .poll(async () => (await readerFor({ userId: writer.id })) === (await getDb()), {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(true);
    });
  });
});

/** A store whose every call fails as an unreachable Redis does. */
function unreachableKv(): Kv {
  const fail = () => {
    throw new KvUnavailableError('Redis is unreachable (test)');
  };
  return new Proxy({} as Kv, { get: (_t, prop) => (prop === 'kind' ? 'redis' : fail) });
}
