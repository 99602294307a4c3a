/** Where the real services of the test run live; overridable for other machines. */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Database indexes test runs may claim; 10 and 11 belong to end-to-end runs and benchmarks. */
export const TEST_REDIS_DATABASES = [9, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15];
export const TEST_BRIDGE_TOKEN = 'test-bridge-token-0123456789abcdef';
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdef0123456789';
