import { KvCommandError } from './errors';

/** Values are stored as JSON text, so both stores read back exactly what was written. */
export function encodeValue(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new KvCommandError('ERR kv values must be JSON-serialisable');
  return text;
}

/** Keys written by other tools may hold plain text; those come back as the string they are. */
export function decodeValue<T>(text: string | null | undefined): T | null {
  if (text === null || text === undefined) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}
