import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { logOptions } from '@/lib/log';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ ...logOptions, level: 'info' }, stream), text: () => lines.join('') };
}

async function failedInsert(email: string, passwordHash: string): Promise<unknown> {
  const db = await getDb();
  await db.insert(users).values({ email, name: 'Log Test', passwordHash });
  return db
    .insert(users)
    .values({ email, name: 'Log Test', passwordHash })
    .then(
      () => null,
      (err: unknown) => err,
    );
}

describe('error logs', () => {
  it('keep the failed query but not the values bound to it, such as a password hash', async () => {
    const email = `log-${randomBytes(4).toString('hex')}@log.test`;
    const passwordHash = `$2a$10$${randomBytes(20).toString('hex')}`;
    const err = await failedInsert(email, passwordHash);
    // The driver's error really carries the hash: this is what the serializer must remove.
    expect(String((err as Error).message)).toContain(passwordHash);

    const { logger, text } = capture();
    logger.error({ err }, 'unhandled error in route handler');
    const line = text();
    expect(line).not.toContain(passwordHash);
    expect(line).not.toContain(email);
    const logged = JSON.parse(line).err;
    expect(logged.message).toContain('insert into "users"');
    expect(logged.message).toContain('duplicate key value');
    expect(logged.params).toBeUndefined();
  });

  it('scrub the values when the failed query is only the cause of the logged error', async () => {
    const email = `log-${randomBytes(4).toString('hex')}@log.test`;
    const passwordHash = `$2a$10$${randomBytes(20).toString('hex')}`;
    const cause = await failedInsert(email, passwordHash);
    const { logger, text } = capture();
    logger.warn({ err: new Error('registration failed', { cause }) }, 'wrapped');
    expect(text()).toContain('registration failed');
    expect(text()).not.toContain(passwordHash);
  });

  it('still log ordinary errors and plain values unchanged', () => {
    const { logger, text } = capture();
    logger.error({ err: new Error('disk full') }, 'boom');
    logger.warn({ err: 'kv timeout' }, 'plain');
    expect(text()).toContain('disk full');
    expect(text()).toContain('kv timeout');
  });
});
