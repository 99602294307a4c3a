// 'server-only' resolves to an empty module under `--conditions=react-server`, which every tsx
// script of the project (db:seed included) runs with: the seed can seal keys, a client bundle cannot.
import 'server-only';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { env } from '@/lib/config/env';

/** A licence key as the vault stores it: what is needed to open it and to recognise it again. */
export type SealedKey = { vaultKeyId: string; ciphertext: string; fingerprint: string };

type VaultKey = { id: string; secret: Buffer; fingerprintSecret: Buffer };
type Keyring = { current: VaultKey; byId: Map<string, VaultKey> };

const IV_BYTES = 12;
const TAG_BYTES = 16;

// Only for `next dev`, tests and the local seed: production refuses to start without
// KEY_VAULT_KEY (lib/server/startup.ts), and this one is public.
const DEV_VAULT_KEY = createHash('sha256')
  .update('arcade-development-vault-key-not-for-production-use')
  .digest();

/** Thrown when a stored key cannot be opened: a lost vault key or tampered bytes, never bad input. */
export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

function vaultKeyOf(secret: Buffer): VaultKey {
  return {
    // Short and not secret: names the vault key a row was sealed under, so rotation knows which
    // key opens it, without revealing anything about the key itself.
    id: createHash('sha256').update(secret).digest('hex').slice(0, 8),
    secret,
    // A separate key for fingerprints: the encryption key is never used for two purposes.
    fingerprintSecret: Buffer.from(
      hkdfSync('sha256', secret, Buffer.alloc(0), 'arcade/licence-key-fingerprint/v1', 32),
    ),
  };
}

let cached: { source: string; ring: Keyring } | undefined;

/** The current vault key and the retired ones still accepted for opening and recognising keys. */
function keyring(): Keyring {
  const { KEY_VAULT_KEY, KEY_VAULT_PREVIOUS_KEYS, NODE_ENV } = env();
  const source = [NODE_ENV, KEY_VAULT_KEY ?? '', ...KEY_VAULT_PREVIOUS_KEYS].join('|');
  if (cached?.source === source) return cached.ring;
  if (!KEY_VAULT_KEY && NODE_ENV === 'production') {
    throw new VaultError('KEY_VAULT_KEY is not set: licence keys cannot be sealed or opened.');
  }
  const current = vaultKeyOf(KEY_VAULT_KEY ? Buffer.from(KEY_VAULT_KEY, 'base64') : DEV_VAULT_KEY);
  const byId = new Map([[current.id, current]]);
  for (const raw of KEY_VAULT_PREVIOUS_KEYS) {
    const key = vaultKeyOf(Buffer.from(raw, 'base64'));
    if (!byId.has(key.id)) byId.set(key.id, key);
  }
  const ring = { current, byId };
  cached = { source, ring };
  return ring;
}

/** The id of the vault key new keys are sealed under. */
export function currentVaultKeyId(): string {
  return keyring().current.id;
}

/**
 * The form a key is recognised by: stores print keys with spaces or in lower case now and then,
 * and `abcd-efgh` is the same key as ` ABCD-EFGH `.
 */
export function normaliseKey(plain: string): string {
  return plain.trim().toUpperCase().replace(/\s+/g, '');
}

function fingerprintUnder(key: VaultKey, plain: string): string {
  return createHmac('sha256', key.fingerprintSecret).update(normaliseKey(plain)).digest('hex');
}

/**
 * Recognises a key without storing it: a keyed hash (an unkeyed one could be brute-forced from
 * a dump, keys being short and structured), unique in the table.
 */
export function fingerprintOf(plain: string): string {
  return fingerprintUnder(keyring().current, plain);
}

/**
 * The key's fingerprint under every vault key still held, current first: a key imported before
 * a rotation carries its fingerprint under the old vault key, and must still count as a duplicate.
 */
export function fingerprintsOf(plain: string): string[] {
  return [...keyring().byId.values()].map((key) => fingerprintUnder(key, plain));
}

/** AES-256-GCM under the current vault key; `ciphertext` is base64 of iv | tag | encrypted key. */
export function encryptKey(plain: string): { vaultKeyId: string; ciphertext: string } {
  const key = keyring().current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv, { authTagLength: TAG_BYTES });
  // The vault key id is authenticated too: a row relabelled to another key fails to open.
  cipher.setAAD(Buffer.from(key.id));
  const body = Buffer.concat([cipher.update(plain.trim(), 'utf8'), cipher.final()]);
  return {
    vaultKeyId: key.id,
    ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
  };
}

/** Opens a sealed key; a missing vault key or any altered byte is a VaultError, never garbage. */
export function decryptKey(sealed: { vaultKeyId: string; ciphertext: string }): string {
  const key = keyring().byId.get(sealed.vaultKeyId);
  if (!key) {
    throw new VaultError(
      `Vault key ${sealed.vaultKeyId} is not configured: add it to KEY_VAULT_PREVIOUS_KEYS.`,
    );
  }
  const bytes = Buffer.from(sealed.ciphertext, 'base64');
  if (bytes.length <= IV_BYTES + TAG_BYTES)
    throw new VaultError('A sealed licence key is truncated.');
  const decipher = createDecipheriv('aes-256-gcm', key.secret, bytes.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(key.id));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new VaultError('A sealed licence key failed authentication: it was altered.');
  }
}

/** Everything a `license_keys` row needs about its key; the seed calls this too. */
export function sealKey(plain: string): SealedKey {
  return { ...encryptKey(plain), fingerprint: fingerprintOf(plain) };
}
