import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm start`'s launcher, run just far enough to judge its environment. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['scripts/start.mjs'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://127.0.0.1:9/none',
      REDIS_URL: 'redis://127.0.0.1:9',
      ...env,
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('npm start', () => {
  it.each([
    ['WEB_CONCURRENCY', 'two'],
    ['PORT', '-1'],
    ['LISTEN_BACKLOG', '0'],
    ['KEEP_ALIVE_TIMEOUT_MS', '5s'],
  ])('refuses %s=%s at once, naming the variable', (name, value) => {
    const run = start({ [name]: value });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Invalid environment: ${name}`);
  });
});
