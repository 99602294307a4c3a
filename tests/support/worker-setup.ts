import { inject } from 'vitest';
import { TEST_AUTH_SECRET } from './services';

// Every test file sees the real services of this run through the same variables the app reads.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.UPSTASH_REDIS_REST_URL = inject('bridgeUrl');
process.env.UPSTASH_REDIS_REST_TOKEN = inject('bridgeToken');
process.env.AUTH_SECRET ??= TEST_AUTH_SECRET;
process.env.BCRYPT_COST ??= '4';
process.env.LOG_LEVEL ??= 'silent';
