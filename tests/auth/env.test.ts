import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/config/env';

describe('rate limit settings', () => {
  it('default to sane limits for every auth flow', () => {
    const env = parseEnv({});
    expect(env.RATE_LIMIT_LOGIN_EMAIL).toEqual({ limit: 10, windowSeconds: 60 });
    expect(env.RATE_LIMIT_LOGIN_IP).toEqual({ limit: 30, windowSeconds: 60 });
    expect(env.RATE_LIMIT_REGISTER_IP.windowSeconds).toBe(3600);
    expect(env.RATE_LIMIT_RECOVERY_EMAIL.windowSeconds).toBe(3600);
  });

  it('read "<attempts>/<window seconds>"', () => {
    expect(parseEnv({ RATE_LIMIT_LOGIN_EMAIL: '5/300' }).RATE_LIMIT_LOGIN_EMAIL).toEqual({
      limit: 5,
      windowSeconds: 300,
    });
  });

  it('name the variable when the value is malformed', () => {
    for (const bad of ['ten/60', '10', '0/60', '10/0', '10/60/2']) {
      const err = (() => {
        try {
          parseEnv({ RATE_LIMIT_LOGIN_IP: bad });
        } catch (e) {
          return e;
        }
      })();
      expect(err, bad).toBeInstanceOf(EnvError);
      expect((err as EnvError).variables).toEqual(['RATE_LIMIT_LOGIN_IP']);
    }
  });
});
