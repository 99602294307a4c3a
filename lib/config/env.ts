import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const intInRange = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** A rate limit written as "<attempts>/<window seconds>", e.g. "10/60". */
const rateLimit = (fallback: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,6}\/[1-9]\d{0,6}$/, 'must be "<attempts>/<window seconds>", e.g. "10/60"')
    .default(fallback)
    .transform((v) => {
      const [limit, windowSeconds] = v.split('/').map(Number) as [number, number];
      return { limit, windowSeconds };
    });

const VAULT_KEY_HINT = 'must be 32 random bytes in base64 (openssl rand -base64 32)';

/** Node's decoder skips what it cannot read, so a key is judged by what decodes *and* its shape. */
function isVaultKey(value: string): boolean {
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

const vaultKey = z.string().trim().refine(isVaultKey, VAULT_KEY_HINT);

/** Retired vault keys, comma-separated: they still open keys sealed before a rotation. */
const previousVaultKeys = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean),
  )
  .refine((keys) => keys.every(isVaultKey), `each key ${VAULT_KEY_HINT}`)
  .default([]);

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_READ_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_SIZE: intInRange(1, 200, 10),
    /** Seconds to open a connection before the database counts as unreachable (answers turn 503). */
    DATABASE_CONNECT_TIMEOUT_SECONDS: intInRange(1, 60, 3),
    /** Longest a statement may run (lock waits included); 0: no limit (migrations set it so). */
    DATABASE_STATEMENT_TIMEOUT_MS: intInRange(0, 3_600_000, 10_000),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_URL: z.url().default('http://localhost:3000'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Arcade <no-reply@arcade.test>'),
    /** No mail at all, on purpose: production starts without SMTP_URL, and pages stop promising mail. */
    MAIL_DISABLED: bool.default(false),
    BCRYPT_COST: intInRange(4, 15, 10),
    HASH_POOL_THREADS: intInRange(1, 64, 0).optional(),
    /** Unset: admission by HASH_MAX_WAIT_MS alone. */
    HASH_QUEUE_LIMIT: z.coerce.number().int().min(0).max(10_000).optional(),
    HASH_MAX_WAIT_MS: intInRange(0, 60_000, 400),
    TRUST_PROXY: bool.default(false),
    SESSION_IDLE_SECONDS: intInRange(5, 30 * 24 * 3600, 3600),
    SESSION_MAX_AGE_SECONDS: intInRange(60, 365 * 24 * 3600, 30 * 24 * 3600),
    RATE_LIMIT_LOGIN_EMAIL: rateLimit('10/60'),
    RATE_LIMIT_LOGIN_IP: rateLimit('30/60'),
    RATE_LIMIT_REGISTER_EMAIL: rateLimit('5/3600'),
    RATE_LIMIT_REGISTER_IP: rateLimit('20/3600'),
    RATE_LIMIT_RECOVERY_EMAIL: rateLimit('5/3600'),
    RATE_LIMIT_RECOVERY_IP: rateLimit('20/3600'),
    CACHE_TTL_SECONDS: intInRange(1, 24 * 3600, 300),
    ORDER_EXPIRY_MINUTES: intInRange(1, 7 * 24 * 60, 30),
    PAYMENT_WEBHOOK_SECRET: z.string().min(16).optional(),
    /** Seals licence keys (AES-256-GCM); required in production, a fixed dev key otherwise. */
    KEY_VAULT_KEY: vaultKey.optional(),
    KEY_VAULT_PREVIOUS_KEYS: previousVaultKeys,
    RUN_WORKER: bool.default(true),
    UPLOAD_DIR: z.string().min(1).default('.data/uploads'),
    /** Unset: download links are signed with a key derived from AUTH_SECRET. */
    DOWNLOAD_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    DOWNLOAD_LINK_TTL_SECONDS: intInRange(30, 24 * 3600, 300),
    DOWNLOADS_PER_DAY: intInRange(1, 10_000, 20),
    // Builds are held whole in memory while stored and served (see lib/downloads), and
    // edition_files.size_bytes is a 32-bit integer: 1 GiB is the ceiling.
    MAX_BUILD_BYTES: intInRange(1024, 1024 * 1024 * 1024, 50 * 1024 * 1024),
    RATE_LIMIT_DOWNLOAD_IP: rateLimit('120/60'),
    RATE_LIMIT_DOWNLOAD_ITEM: rateLimit('60/60'),
    /** Product views reported per client address, and counted per address and game. */
    RATE_LIMIT_VIEWS_IP: rateLimit('30/60'),
    RATE_LIMIT_VIEWS_PRODUCT: rateLimit('1/30'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /** Production refuses to start without METRICS_TOKEN unless /api/metrics is public on purpose. */
    METRICS_PUBLIC: bool.default(false),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.UPSTASH_REDIS_REST_URL) !== Boolean(v.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.UPSTASH_REDIS_REST_URL ? 'UPSTASH_REDIS_REST_TOKEN' : 'UPSTASH_REDIS_REST_URL'],
        message: 'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are set together',
      });
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(
    public readonly variables: string[],
    detail: string,
  ) {
    super(`Invalid environment: ${detail}`);
    this.name = 'EnvError';
  }
}

/** Parses a raw environment; empty strings count as unset. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const names = result.error.issues.map((i) => String(i.path[0] ?? 'env'));
    const detail = result.error.issues
      .map((i) => `${String(i.path[0] ?? 'env')}: ${i.message}`)
      .join('; ');
    throw new EnvError(names, detail);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, parsed once on first use (not at import, so builds need no secrets). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}
