import { inject } from 'vitest';
import { TEST_AUTH_SECRET } from './services';

// Every test file sees the real services of this run through the same variables the app reads.
// The app talks to Redis over TCP, as in production; tests of the Upstash adapter create it
// themselves with the bridge's URL.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.REDIS_URL = inject('redisUrl');
process.env.AUTH_SECRET ??= TEST_AUTH_SECRET;
process.env.BCRYPT_COST ??= '4';
process.env.LOG_LEVEL ??= 'silent';
