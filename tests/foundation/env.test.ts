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
    expect(env.REDIS_URL).toBeUndefined();
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

  it('takes a redis:// or rediss:// REDIS_URL and names it when it is anything else', () => {
    expect(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).REDIS_URL).toBe(
      'redis://127.0.0.1:6379/2',
    );
    expect(parseEnv({ REDIS_URL: 'rediss://:secret@cache.example:6380' }).REDIS_URL).toMatch(
      /^rediss:/,
    );
    const wrong = errorOf({ REDIS_URL: 'http://127.0.0.1:8079' });
    expect(wrong.variables).toEqual(['REDIS_URL']);
    expect(wrong.message).toMatch(/REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(errorOf({ REDIS_URL: '127.0.0.1:6379' }).variables).toEqual(['REDIS_URL']);
  });

  it('refuses half of the Redis configuration', () => {
    expect(errorOf({ UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079' }).variables).toEqual([
      'UPSTASH_REDIS_REST_TOKEN',
    ]);
    expect(errorOf({ UPSTASH_REDIS_REST_TOKEN: 'token' }).variables).toEqual([
      'UPSTASH_REDIS_REST_URL',
    ]);
  });

  it('reads booleans and numbers from their text', () => {
    const env = parseEnv({ TRUST_PROXY: 'true', RUN_WORKER: '0', BCRYPT_COST: '12' });
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.RUN_WORKER).toBe(false);
    expect(env.BCRYPT_COST).toBe(12);
  });
});
