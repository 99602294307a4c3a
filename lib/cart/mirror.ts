import 'server-only';
import { noteWrite } from '@/lib/db/read-your-writes';
import { withKv } from '@/lib/kv';
import type { CartLine, CartOwner, CartView } from './types';

/** What the stock gate needs of a cart line: which unit, how many, and its name for a refusal. */
export type MirroredLine = { unit: string; quantity: number; title: string };

const mirrorKey = (userId: string) => `cart:lines:${userId}`;
const MIRROR_TTL_SECONDS = 7 * 24 * 3600;

/**
 * A copy in Redis of each signed-in shopper's cart lines, so the flash-sale gate can refuse a
 * buyer without reading PostgreSQL. PostgreSQL keeps the cart; the order transaction compares
 * its lines with what the gate was passed with and settles any difference, so a stale copy can
 * cost a wrong refusal at worst, never a wrong sale.
 */
export async function mirroredCartLines(userId: string): Promise<MirroredLine[] | null> {
  return withKv(
    (kv) => kv.get<MirroredLine[]>(mirrorKey(userId)),
    () => null,
  );
}

type GatedLine = Pick<CartLine, 'editionId' | 'quantity' | 'title' | 'editionName' | 'stock'>;

/** A cart line as the gate counts it: its edition, how many, and the name a refusal gives. */
export const gateLineOf = (i: Omit<GatedLine, 'stock'>): MirroredLine => ({
  unit: i.editionId,
  quantity: i.quantity,
  title: `${i.title} (${i.editionName})`,
});

/** Only editions that can run out pass the gate: an uncapped download has no counter. */
export const gatedLines = (items: ReadonlyArray<GatedLine>): MirroredLine[] =>
  items.filter((i) => i.stock !== null).map(gateLineOf);

export async function mirrorCartLines(
  userId: string,
  items: ReadonlyArray<GatedLine>,
): Promise<void> {
  const lines = gatedLines(items);
  await withKv(
    (kv) => kv.set(mirrorKey(userId), lines, { ex: MIRROR_TTL_SECONDS }),
    () => false,
  );
}

/** Forgets the copy: the next checkout reads the cart from PostgreSQL (and copies it again). */
export async function dropCartMirror(userId: string): Promise<void> {
  await withKv(
    (kv) => kv.del(mirrorKey(userId)),
    () => 0,
  );
}

/**
 * Runs a change of the owner's cart with the copy kept in step: dropped before the change (a
 * change whose copy cannot be written afterwards leaves no copy, not a stale one), written after.
 * Every cart change passes here, so here it is also recorded as the owner's write: their next
 * cart reads see it even from a lagging replica (lib/db/read-your-writes).
 */
export async function withCartMirror(
  owner: CartOwner,
  change: () => Promise<CartView>,
): Promise<CartView> {
  if (!('userId' in owner)) {
    const view = await change();
    await noteWrite(owner);
    return view;
  }
  await dropCartMirror(owner.userId);
  const view = await change();
  await noteWrite(owner);
  await mirrorCartLines(owner.userId, view.items);
  return view;
}
