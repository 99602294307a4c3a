import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { Redis as IORedis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { createBridge } from '@/bridge/server';
import {
  TEST_BRIDGE_TOKEN,
  TEST_PG_ADMIN_URL,
  TEST_REDIS_DATABASES,
  TEST_REDIS_URL,
} from './services';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    bridgeUrl: string;
    bridgeToken: string;
    redisUrl: string;
  }
}

/**
 * One fresh PostgreSQL database per run, migrated; Redis (a dedicated db index, flushed), which
 * the app reaches over TCP as in production, and the REST bridge in front of it, so that the
 * Upstash adapter is tested against real Redis too.
 */
export default async function setup(project: TestProject) {
  const name = `arcade_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const databaseUrl = new URL(TEST_PG_ADMIN_URL);
  databaseUrl.pathname = `/${name}`;

  process.env.DATABASE_URL = databaseUrl.toString();
  const { migrate } = await import('@/db/migrate');
  const { closeDb, getDb } = await import('@/db/client');
  await migrate();
  // Every integration test sees the demo catalog and accounts; cost 4 keeps hashing quick.
  const { seed } = await import('@/db/seed');
  await seed(await getDb(), { bcryptCost: 4 });
  await closeDb();

  const { url: redisUrl, release } = await claimRedisDatabase();

  const bridge = createBridge({ redisUrl, token: TEST_BRIDGE_TOKEN });
  const { url: bridgeUrl } = await bridge.listen(0, '127.0.0.1');

  project.provide('databaseUrl', databaseUrl.toString());
  project.provide('bridgeUrl', bridgeUrl);
  project.provide('bridgeToken', TEST_BRIDGE_TOKEN);
  project.provide('redisUrl', redisUrl);

  return async () => {
    await bridge.close();
    await release();
    if (!process.env.KEEP_TEST_DB) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    }
    await admin.end();
  };
}

/**
 * Takes a Redis database index no other test run on this machine holds (a lock key with an
 * expiry), so concurrent runs never flush each other's data; empties it for this run.
 */
async function claimRedisDatabase(): Promise<{ url: string; release: () => Promise<void> }> {
  const runId = randomBytes(8).toString('hex');
  for (const index of TEST_REDIS_DATABASES) {
    const url = new URL(TEST_REDIS_URL);
    url.pathname = `/${index}`;
    const redis = new IORedis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const claimed = await redis.set('arcade:test-run', runId, 'EX', 3600, 'NX');
    if (claimed !== 'OK') {
      await redis.quit();
      continue;
    }
    await redis.flushdb();
    await redis.set('arcade:test-run', runId, 'EX', 3600);
    return {
      url: url.toString(),
      release: async () => {
        await redis.flushdb();
        await redis.quit();
      },
    };
  }
  throw new Error(
    `every test Redis database (${TEST_REDIS_DATABASES.join(', ')}) is held by another run`,
  );
}
