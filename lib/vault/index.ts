import 'server-only';

/*
 * The licence-key vault: keys of `key` editions, sealed at rest (AES-256-GCM under KEY_VAULT_KEY),
 * imported by staff, handed to paid orders, taken back on refunds and revealed to their owners.
 * The plaintext of a key exists only in an import request and in its owner's reveal response.
 */
export { assignKeys, type KeyLine } from './assign';
export { currentVaultKeyId, fingerprintOf, sealKey, VaultError, type SealedKey } from './crypto';
export { keyEdition, type KeyEdition } from './edition';
export { readImportBody } from './http';
export { importKeys, type ImportReport, type KeyImport } from './import';
export {
  keyEditionSummary,
  keyInventory,
  lowKeyEditions,
  LOW_KEYS_THRESHOLD,
  type KeyInventory,
  type LowKeyEdition,
} from './inventory';
export { MAX_IMPORT_BYTES, MAX_IMPORT_LINES } from './parse';
export { revealKey, type RevealedKey, type RevealRequest } from './reveal';
export { revokeOrderKeys } from './revoke';
