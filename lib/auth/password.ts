import 'server-only';
import bcrypt from 'bcryptjs';
import { env } from '@/lib/config/env';
import { compareInPool, hashInPool } from './hash-pool';

export function hashPassword(password: string): Promise<string> {
  return hashInPool(password, env().BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return compareInPool(password, hash);
}

/**
 * Spends the same bcrypt work as a real check when there is no account to check against, so an
 * unknown email answers no faster than a known one. Any well-formed hash of today's cost costs the
 * same to compare against, so none has to be computed first.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  const cost = String(env().BCRYPT_COST).padStart(2, '0');
  await compareInPool(password, `$2b$${cost}$${'arcadeTimingEqualiser0'}${'x'.repeat(31)}`);
}

/** True when a stored hash was made at another cost than today's BCRYPT_COST (rehash on next login). */
export function needsRehash(hash: string): boolean {
  if (!/^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(hash)) return false;
  return bcrypt.getRounds(hash) !== env().BCRYPT_COST;
}
