import { decodeValue } from './codec';
import type { ScoredMember } from './types';

/**
 * Turning Redis replies into the Kv's shapes, shared by the TCP and REST adapters so that both
 * read the same reply the same way (RESP2 shapes: scores as strings, flat score pairs).
 */

export type Shape = (reply: unknown) => unknown;

export const toBool = (reply: unknown): boolean => reply === 1 || reply === 'OK';
export const toNumber = (reply: unknown): number => Number(reply);
export const asIs = (reply: unknown): unknown => reply;
export const toValue = (reply: unknown): unknown => decodeValue(reply as string | null);
export const toValues = (reply: unknown): unknown[] =>
  (reply as (string | null)[]).map((r) => decodeValue(r));

export function pairsToMembers(flat: unknown[]): ScoredMember[] {
  const members: ScoredMember[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    members.push({ member: String(flat[i]), score: Number(flat[i + 1]) });
  }
  return members;
}

/**
 * The order of a pipeline's steps and how to shape each reply. A step that needs no round trip
 * (DEL or MGET without keys, which Redis rejects) is kept but not sent, and shaped from null.
 */
export class PipelineSteps {
  private readonly steps: Array<{ sent: boolean; shape: Shape }> = [];

  add(shape: Shape, sent = true): void {
    this.steps.push({ sent, shape });
  }

  /** `replies` holds one entry per sent step, in order. */
  shape(replies: unknown[]): unknown[] {
    let next = 0;
    return this.steps.map(({ sent, shape }) => shape(sent ? replies[next++] : null));
  }
}

/**
 * Deletes every key matching `pattern`, one SCAN batch at a time: never KEYS, which blocks Redis
 * for as long as it walks the whole keyspace.
 */
export async function deleteMatching(
  scan: (cursor: string) => Promise<[cursor: string, keys: string[]]>,
  remove: (keys: string[]) => Promise<number>,
): Promise<number> {
  let cursor = '0';
  let removed = 0;
  do {
    const [next, keys] = await scan(cursor);
    cursor = String(next);
    if (keys.length > 0) removed += await remove(keys);
  } while (cursor !== '0');
  return removed;
}
