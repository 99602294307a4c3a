import { describe, expect, it, vi } from 'vitest';
import { isTransientDbError } from './errors';
import { withRetry } from './retry';

/** Errors shaped as postgres.js raises them, and as drizzle wraps them (code on `cause`). */
const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const wrapped = (code: string) =>
  Object.assign(new Error('Failed query: …'), { cause: pgError(code) });

describe('withRetry', () => {
  it('runs a transaction again after two deadlocks and returns what the third try returns', async () => {
    const work = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(pgError('40P01'))
      .mockRejectedValueOnce(wrapped('40P01'))
      .mockResolvedValueOnce('committed');
    const retried: number[] = [];
    await expect(
      withRetry(work, { baseDelayMs: 1, onRetry: (_err, attempt) => retried.push(attempt) }),
    ).resolves.toBe('committed');
    expect(work).toHaveBeenCalledTimes(3);
    expect(retried).toEqual([1, 2]);
  });

  it('retries a serialization failure as well', async () => {
    const work = vi
      .fn<() => Promise<number>>()
      .mockRejectedValueOnce(wrapped('40001'))
      .mockResolvedValueOnce(7);
    await expect(withRetry(work, { baseDelayMs: 1 })).resolves.toBe(7);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('gives up after the allowed attempts and throws the last error', async () => {
    const last = wrapped('40P01');
    const work = vi
      .fn<() => Promise<never>>()
      .mockRejectedValueOnce(pgError('40P01'))
      .mockRejectedValueOnce(pgError('40P01'))
      .mockRejectedValueOnce(last);
    await expect(withRetry(work, { attempts: 3, baseDelayMs: 1 })).rejects.toBe(last);
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('does not retry other errors: a constraint violation, a refused connection, a domain error', async () => {
    for (const err of [wrapped('23505'), pgError('ECONNREFUSED'), new Error('Out of stock')]) {
      const work = vi.fn<() => Promise<never>>().mockRejectedValue(err);
      await expect(withRetry(work, { baseDelayMs: 1 })).rejects.toBe(err);
      expect(work).toHaveBeenCalledTimes(1);
    }
  });
});

describe('isTransientDbError', () => {
  it('counts an unreachable or overloaded database as transient, a bad statement not', () => {
    for (const code of [
      'ECONNREFUSED',
      'CONNECT_TIMEOUT',
      'CONNECTION_CLOSED',
      '57P01',
      '57P03',
      '08006',
      '57014',
      '40P01',
    ]) {
      expect(isTransientDbError(wrapped(code)), code).toBe(true);
    }
    for (const code of ['23505', '42P01', '22P02']) {
      expect(isTransientDbError(wrapped(code)), code).toBe(false);
    }
    expect(isTransientDbError(new Error('plain'))).toBe(false);
  });
});
