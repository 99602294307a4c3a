import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/config/env';

function errorOf(raw: Record<string, string>): EnvError {
  try {
    parseEnv(raw);
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error('expected the environment to be refused');
}

describe('the environment', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.UPSTASH_REDIS_REST_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe('.data/pglite');
    expect(env.BCRYPT_COST).toBe(10);
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.SESSION_IDLE_SECONDS).toBe(3600);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', BCRYPT_COST: '' }).BCRYPT_COST).toBe(10);
  });

  it('names the variable that is wrong', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://x' }).variables).toEqual(['DATABASE_URL']);
    expect(errorOf({ BCRYPT_COST: '99' }).variables).toEqual(['BCRYPT_COST']);
    expect(errorOf({ AUTH_SECRET: 'short' }).message).toMatch(/AUTH_SECRET/);
    expect(errorOf({ TRUST_PROXY: 'maybe' }).variables).toEqual(['TRUST_PROXY']);
  });

  it('refuses half of the Redis configuration', () => {
    expect(errorOf({ UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079' }).variables).toEqual(['UPSTASH_REDIS_REST_TOKEN']);
    expect(errorOf({ UPSTASH_REDIS_REST_TOKEN: 'token' }).variables).toEqual(['UPSTASH_REDIS_REST_URL']);
  });

  it('reads booleans and numbers from their text', () => {
    const env = parseEnv({ TRUST_PROXY: 'true', RUN_WORKER: '0', BCRYPT_COST: '12' });
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.RUN_WORKER).toBe(false);
    expect(env.BCRYPT_COST).toBe(12);
  });
});
