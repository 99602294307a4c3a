import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '@/lib/errors';
import { createUpstashKv, resetKvForTests } from '@/lib/kv';
import { consumeRateLimits, enforceRateLimits, resetLocalRateLimits, subjectOf } from './index';

const unique = () => `subject-${Math.random().toString(36).slice(2)}`;

afterEach(() => {
  resetKvForTests();
  resetLocalRateLimits();
});

describe('shared rate limits', () => {
  it('throws a RateLimitedError carrying Retry-After once a check refuses', async () => {
    const rule = { name: 'enforce', limit: 2, windowSeconds: 30 };
    const subject = unique();
    await enforceRateLimits([{ rule, subject }]);
    await enforceRateLimits([{ rule, subject }]);
    const err = await enforceRateLimits([{ rule, subject }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).status).toBe(429);
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((err as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('falls back to counting in this process when Redis is unreachable', async () => {
    resetKvForTests({
      kv: createUpstashKv({ url: 'http://127.0.0.1:1', token: 'unused-token-0123456789' }),
      cooldownMs: 60_000,
    });
    const rule = { name: 'offline', limit: 1, windowSeconds: 60 };
    const subject = unique();
    const [first] = await consumeRateLimits([{ rule, subject }]);
    const [second] = await consumeRateLimits([{ rule, subject }]);
    expect(first?.allowed).toBe(true);
    expect(second?.allowed).toBe(false);
  });

  it('turns personal data into an opaque, stable key', () => {
    const a = subjectOf('someone@example.test');
    expect(a).toBe(subjectOf('someone@example.test'));
    expect(a).not.toContain('someone');
    expect(a).not.toBe(subjectOf('someone-else@example.test'));
  });
});
