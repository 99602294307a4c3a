import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as cartRoute } from '@/app/api/v1/cart/route';
import { closeDb } from '@/db/client';
import { resetEnvForTests } from '@/lib/config/env';
import { addItem, GUEST_COOKIE, signGuestId } from '@/lib/cart';
import { bodyOf, ctx, request } from '../admin/support';
import { makeProduct } from '../orders/fixtures';

const CONNECT_TIMEOUT_SECONDS = 1;

/**
 * A TCP proxy between the app and PostgreSQL: the only way the app reaches its database in these
 * tests, so the link can be cut without touching the real server (other runs share it).
 * - refuse: open connections are reset and new ones refused (a server restarting);
 * - blackhole: open connections are reset and new ones accepted but never answered (a network
 *   cut where packets vanish).
 */
class DatabaseLink {
  private server: net.Server | null = null;
  private readonly open = new Set<net.Socket>();
  private mode: 'up' | 'blackhole' = 'up';
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private accept(client: net.Socket): void {
    this.open.add(client);
    client.on('close', () => this.open.delete(client));
    client.on('error', () => {});
    if (this.mode === 'blackhole') return;
    const upstream = net.connect(this.target.port, this.target.host);
    this.open.add(upstream);
    upstream.on('close', () => this.open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  }

  private resetAll(): void {
    for (const socket of this.open) socket.resetAndDestroy();
    this.open.clear();
  }

  async refuse(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.resetAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async blackhole(): Promise<void> {
    this.mode = 'blackhole';
    this.resetAll();
    if (!this.server) await this.start();
  }

  async restore(): Promise<void> {
    this.mode = 'up';
    // Sockets accepted while black-holed stay silent: drop them, the client reconnects.
    this.resetAll();
    if (!this.server) await this.start();
  }

  async close(): Promise<void> {
    this.resetAll();
    await this.refuse();
  }
}

const realUrl = process.env.DATABASE_URL!;
let link: DatabaseLink;
let cookie: string;

async function timed(call: () => Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = performance.now();
  const res = await call();
  return { res, ms: performance.now() - started };
}

const cartRequest = () => timed(() => cartRoute(request('/api/v1/cart', { cookie }), ctx()));

async function waitForCart(status: number, withinMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { res } = await cartRequest();
    if (res.status === status) return performance.now() - started;
    if (performance.now() - started > withinMs)
      throw new Error(`cart still answers ${res.status} after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectUnavailable(
  results: Array<{ res: Response; ms: number }>,
  boundMs: number,
): Promise<void> {
  for (const { res, ms } of results) {
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await bodyOf<{ error: { code: string; message: string } }>(res);
    expect(body.error.code).toBe('unavailable');
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONN|postgres/i);
    expect(ms).toBeLessThan(boundMs);
  }
}

beforeAll(async () => {
  // A guest cart with a game in it, written through the real connection.
  const game = await makeProduct({ stock: 5, title: 'Outage Tester' });
  const guestId = randomUUID();
  await addItem({ guestId }, game.editionId, 1);
  cookie = `${GUEST_COOKIE}=${encodeURIComponent(signGuestId(guestId))}`;

  const target = new URL(realUrl);
  link = new DatabaseLink({ host: target.hostname, port: Number(target.port || 5432) });
  await link.start();
  const viaLink = new URL(realUrl);
  viaLink.hostname = '127.0.0.1';
  viaLink.port = String(link.port);
  await closeDb();
  process.env.DATABASE_URL = viaLink.toString();
  process.env.DATABASE_CONNECT_TIMEOUT_SECONDS = String(CONNECT_TIMEOUT_SECONDS);
  resetEnvForTests();
});

afterAll(async () => {
  await closeDb();
  process.env.DATABASE_URL = realUrl;
  delete process.env.DATABASE_CONNECT_TIMEOUT_SECONDS;
  resetEnvForTests();
  await link.close();
});

describe('PostgreSQL out of reach', () => {
  it('answers 503 with Retry-After at once while the server refuses connections, then serves again by itself', async () => {
    expect((await cartRequest()).res.status).toBe(200);

    await link.refuse();
    // A crowd arriving as the server goes away: none waits for a reconnect backoff.
    const crowd = await Promise.all(Array.from({ length: 30 }, () => cartRequest()));
    await expectUnavailable(crowd, 2000);
    // Known down: refused without queueing.
    const later = await Promise.all(Array.from({ length: 30 }, () => cartRequest()));
    await expectUnavailable(later, 250);
    const health = await timed(() => healthRoute(request('/api/health'), ctx()));
    expect(health.res.status).toBe(503);
    expect(health.res.headers.get('retry-after')).toBe('2');

    await link.restore();
    // No restart of anything: the pool reconnects once a probe (every 500 ms) gets through.
    const recovery = await waitForCart(200, 5000);
    const { res } = await cartRequest();
    expect(res.status).toBe(200);
    expect(
      (await bodyOf<{ items: Array<{ title: string }> }>(res)).items.map((i) => i.title),
    ).toEqual(['Outage Tester']);
    expect((await healthRoute(request('/api/health'), ctx())).status).toBe(200);
    expect(recovery).toBeLessThan(5000);
  });

  it('answers 503 within the connect timeout when connections hang unanswered, then serves again by itself', async () => {
    expect((await cartRequest()).res.status).toBe(200);

    await link.blackhole();
    // Let the pool see its connections go (else the crowd meets the resets, not the silence).
    await new Promise((r) => setTimeout(r, 200));
    const crowd = await Promise.all(Array.from({ length: 30 }, () => cartRequest()));
    // The bound: one connect timeout (1 s here, 3 s by default), a reconnect backoff, slack for CI.
    await expectUnavailable(crowd, CONNECT_TIMEOUT_SECONDS * 1000 + 1500);
    const later = await Promise.all(Array.from({ length: 30 }, () => cartRequest()));
    await expectUnavailable(later, 250);

    await link.restore();
    await waitForCart(200, 6000);
    expect((await cartRequest()).res.status).toBe(200);
  });
});
