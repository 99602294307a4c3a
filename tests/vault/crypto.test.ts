import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvError, parseEnv, resetEnvForTests } from '@/lib/config/env';
import {
  currentVaultKeyId,
  decryptKey,
  encryptKey,
  fingerprintOf,
  fingerprintsOf,
  sealKey,
  VaultError,
} from '@/lib/vault/crypto';

const vaultKey = () => randomBytes(32).toString('base64');
const saved = { ...process.env };

/** Runs with these vault variables (unset when undefined), as a restarted instance would. */
function withVault(vars: {
  KEY_VAULT_KEY?: string;
  KEY_VAULT_PREVIOUS_KEYS?: string;
  NODE_ENV?: string;
}) {
  for (const name of ['KEY_VAULT_KEY', 'KEY_VAULT_PREVIOUS_KEYS'] as const) {
    if (vars[name] === undefined) delete process.env[name];
    else process.env[name] = vars[name];
  }
  if (vars.NODE_ENV) (process.env as Record<string, string>).NODE_ENV = vars.NODE_ENV;
  resetEnvForTests();
}

afterEach(() => {
  for (const name of ['KEY_VAULT_KEY', 'KEY_VAULT_PREVIOUS_KEYS', 'NODE_ENV']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvForTests();
});

describe('the vault crypto', () => {
  it('opens what it sealed, and never stores the key in the clear', () => {
    withVault({ KEY_VAULT_KEY: vaultKey() });
    const sealed = sealKey('  ABCDE-12345-FGHIJ ');
    expect(decryptKey(sealed)).toBe('ABCDE-12345-FGHIJ');
    expect(sealed.vaultKeyId).toBe(currentVaultKeyId());
    expect(sealed.vaultKeyId).toMatch(/^[0-9a-f]{8}$/);
    expect(sealed.ciphertext).not.toContain('ABCDE');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('ABCDE');
    expect(sealed.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a fresh IV for every key: the same key seals differently each time', () => {
    withVault({ KEY_VAULT_KEY: vaultKey() });
    const a = encryptKey('SAME-KEY-0001');
    const b = encryptKey('SAME-KEY-0001');
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.ciphertext, 'base64').subarray(0, 12)).not.toEqual(
      Buffer.from(b.ciphertext, 'base64').subarray(0, 12),
    );
  });

  it('fingerprints the normalised key: case and spaces do not make a new key', () => {
    withVault({ KEY_VAULT_KEY: vaultKey() });
    expect(fingerprintOf(' abcde-12345 ')).toBe(fingerprintOf('ABCDE-12345'));
    expect(fingerprintOf('ABC DE-12345')).toBe(fingerprintOf('ABCDE-12345'));
    expect(fingerprintOf('ABCDE-12346')).not.toBe(fingerprintOf('ABCDE-12345'));
  });

  it('keys its fingerprints by the vault key, so a dump cannot be brute-forced without it', () => {
    withVault({ KEY_VAULT_KEY: vaultKey() });
    const first = fingerprintOf('ABCDE-12345');
    withVault({ KEY_VAULT_KEY: vaultKey() });
    expect(fingerprintOf('ABCDE-12345')).not.toBe(first);
  });

  it('still opens and recognises keys sealed under a retired vault key after rotation', () => {
    const old = vaultKey();
    withVault({ KEY_VAULT_KEY: old });
    const sealed = sealKey('ROTATE-ME-12345');
    const oldId = sealed.vaultKeyId;

    withVault({ KEY_VAULT_KEY: vaultKey(), KEY_VAULT_PREVIOUS_KEYS: `${vaultKey()}, ${old}` });
    expect(currentVaultKeyId()).not.toBe(oldId);
    expect(decryptKey(sealed)).toBe('ROTATE-ME-12345');
    expect(fingerprintsOf('rotate-me-12345')).toContain(sealed.fingerprint);
    expect(fingerprintsOf('rotate-me-12345')[0]).toBe(fingerprintOf('ROTATE-ME-12345'));
    const resealed = sealKey('ROTATE-ME-12345');
    expect(resealed.vaultKeyId).toBe(currentVaultKeyId());
    expect(decryptKey(resealed)).toBe('ROTATE-ME-12345');
  });

  it('names the missing variable when a retired vault key is dropped too early', () => {
    withVault({ KEY_VAULT_KEY: vaultKey() });
    const sealed = sealKey('ORPHAN-KEY-12345');
    withVault({ KEY_VAULT_KEY: vaultKey() });
    expect(() => decryptKey(sealed)).toThrow(/KEY_VAULT_PREVIOUS_KEYS/);
  });

  it('refuses a tampered ciphertext, tag or IV instead of returning garbage', () => {
    withVault({ KEY_VAULT_KEY: vaultKey() });
    const sealed = sealKey('TAMPER-PROOF-123');
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    for (const index of [0, 12, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] = altered[index]! ^ 0x01;
      expect(() => decryptKey({ ...sealed, ciphertext: altered.toString('base64') })).toThrow(
        VaultError,
      );
    }
    expect(() =>
      decryptKey({ ...sealed, ciphertext: bytes.subarray(0, 20).toString('base64') }),
    ).toThrow(VaultError);
  });

  it('refuses a row relabelled to another vault key', () => {
    const [current, retired] = [vaultKey(), vaultKey()];
    withVault({ KEY_VAULT_KEY: retired });
    const retiredId = currentVaultKeyId();
    withVault({ KEY_VAULT_KEY: current, KEY_VAULT_PREVIOUS_KEYS: retired });
    const sealed = sealKey('RELABEL-ME-123');
    expect(() => decryptKey({ ...sealed, vaultKeyId: retiredId })).toThrow(VaultError);
  });

  it('falls back to a development key outside production, and refuses to run without one in production', () => {
    withVault({});
    const sealed = sealKey('DEV-ONLY-12345');
    expect(decryptKey(sealed)).toBe('DEV-ONLY-12345');
    withVault({ NODE_ENV: 'production' });
    expect(() => sealKey('PROD-KEY-12345')).toThrow(/KEY_VAULT_KEY/);
  });
});

describe('the vault variables', () => {
  function errorOf(raw: Record<string, string>): EnvError {
    try {
      parseEnv(raw);
    } catch (err) {
      if (err instanceof EnvError) return err;
      throw err;
    }
    throw new Error('expected the environment to be refused');
  }

  it('take 32 random bytes in base64', () => {
    const key = vaultKey();
    expect(parseEnv({ KEY_VAULT_KEY: key }).KEY_VAULT_KEY).toBe(key);
    expect(
      parseEnv({ KEY_VAULT_PREVIOUS_KEYS: `${key}, ${vaultKey()}` }).KEY_VAULT_PREVIOUS_KEYS,
    ).toHaveLength(2);
    expect(parseEnv({}).KEY_VAULT_PREVIOUS_KEYS).toEqual([]);
  });

  it('name the variable when a key is not 32 bytes of base64', () => {
    for (const bad of [
      'short',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      `${'!'.repeat(43)}=`,
    ]) {
      const err = errorOf({ KEY_VAULT_KEY: bad });
      expect(err.variables).toEqual(['KEY_VAULT_KEY']);
      expect(err.message).toMatch(/KEY_VAULT_KEY: must be 32 random bytes in base64/);
    }
    expect(errorOf({ KEY_VAULT_PREVIOUS_KEYS: `${vaultKey()},nope` }).variables).toEqual([
      'KEY_VAULT_PREVIOUS_KEYS',
    ]);
  });
});
