import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
/** A second instance on the same database and Redis: the scale-out spec talks to both. */
const secondPort = port + 1;
const baseURL = `http://127.0.0.1:${port}`;
const e2eRedisUrl = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/10';

// Pages, AUTH_URL and cookies stay on one origin (127.0.0.1): localhost would be another one.
process.env.BASE_URL = baseURL;
process.env.MAILDEV_URL = 'http://127.0.0.1:1080';
process.env.SECOND_INSTANCE_URL = `http://127.0.0.1:${secondPort}`;
/** A third instance whose Redis is unreachable: the shop must keep working from PostgreSQL. */
const noRedisPort = port + 2;
process.env.NO_REDIS_INSTANCE_URL = `http://127.0.0.1:${noRedisPort}`;

const appEnv = {
  NODE_ENV: 'production',
  AUTH_URL: baseURL,
  AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? 'e2e-auth-secret-0123456789abcdef0123456789',
  // A throwaway vault key: the e2e database is seeded and dropped with it.
  KEY_VAULT_KEY: process.env.E2E_KEY_VAULT_KEY ?? 'ZTJlLXZhdWx0LWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=',
  // Redis over TCP, as in production; the REST bridge is tested by the Upstash adapter's own tests.
  REDIS_URL: e2eRedisUrl,
  // Three instances already share two cores with Chromium: one server process each.
  WEB_CONCURRENCY: '1',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  BCRYPT_COST: '4',
  LOG_LEVEL: 'warn',
  PAYMENT_WEBHOOK_SECRET: 'e2e-webhook-secret-0123456789',
  // Production refuses to start without it; specs that scrape /api/metrics send it as a bearer.
  METRICS_TOKEN: process.env.E2E_METRICS_TOKEN ?? 'e2e-metrics-token-0123456789abcdef',
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: [
    {
      command: 'npx maildev --smtp 1025 --web 1080 --ip 127.0.0.1 --silent',
      url: 'http://127.0.0.1:1080/email',
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    {
      command: `npx tsx --conditions=react-server scripts/serve.ts --port ${port} --db arcade_e2e --flush-redis ${e2eRedisUrl}`,
      url: `${baseURL}/api/v1/ping`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
    },
    {
      command: `npx tsx --conditions=react-server scripts/serve.ts --port ${secondPort} --db arcade_e2e --join`,
      url: `http://127.0.0.1:${secondPort}/api/v1/ping`,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 240_000,
    },
    {
      command: `npx tsx --conditions=react-server scripts/serve.ts --port ${noRedisPort} --db arcade_e2e --join`,
      url: `http://127.0.0.1:${noRedisPort}/api/v1/ping`,
      // Nothing listens on port 9: every Redis call fails at once.
      // Its worker stays off: jobs that need Redis (leaderboards) would only fail and back off here
      // while the healthy instances' tests wait for them.
      env: {
        ...appEnv,
        AUTH_URL: `http://127.0.0.1:${noRedisPort}`,
        REDIS_URL: 'redis://127.0.0.1:9',
        RUN_WORKER: 'false',
      },
      reuseExistingServer: false,
      timeout: 240_000,
    },
  ],
});
