import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { getDb, rowsOf, transaction, type Tx } from '@/db/client';
import { lockEditions } from '@/db/locks';
import { editions, licenseKeys, stockAdjustments } from '@/db/schema';
import type { AdminActor } from '@/lib/admin/actor';
import { recordAudit } from '@/lib/admin/audit';
import { ValidationError } from '@/lib/errors';
import { stockMoved, type StockMove } from '@/lib/stock';
import { handOverKeys } from './assign';
import { encryptKey, fingerprintsOf } from './crypto';
import { keyEdition } from './edition';
import { countKeys, owedItemsOf } from './inventory';
import {
  importFormatOf,
  MAX_IMPORT_BYTES,
  parseImport,
  tooLargeError,
  type ImportLine,
  type MalformedLine,
} from './parse';

export type ImportReport = {
  /** Keys written to the vault by this import. */
  imported: number;
  /** Of those, keys handed at once to buyers who were waiting for one. */
  servedOwed: number;
  /** Lines whose key was already in the vault, or earlier in the same file. */
  duplicates: { line: number }[];
  malformed: MalformedLine[];
  /** Keys of the edition now available for sale. */
  available: number;
};

export type KeyImport = {
  editionId: string;
  body: string;
  contentType: string | null;
  actor: AdminActor;
};

type Candidate = ImportLine & { fingerprints: string[] };

// postgres.js sends at most 65,535 parameters a statement: rows of 6 columns, well under.
const INSERT_BATCH = 1_000;

/**
 * Adds a supplier's batch of keys to a key edition, sealed, in one transaction: buyers owed a key
 * are served first, the rest goes on sale. A key already in the vault (under any vault key still
 * held) or repeated in the file is reported, never written twice, even by two imports at once.
 */
export async function importKeys(input: KeyImport): Promise<ImportReport> {
  const format = importFormatOf(input.contentType);
  if (Buffer.byteLength(input.body, 'utf8') > MAX_IMPORT_BYTES) throw tooLargeError();
  const db = await getDb();
  const edition = await keyEdition(db, input.editionId);
  const parsed = parseImport(input.body, format);
  if (!parsed.keys.length && !parsed.malformed.length) {
    throw new ValidationError('There are no keys in what was sent: one key a line, please.');
  }

  const duplicates: { line: number }[] = [];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const key of parsed.keys) {
    const fingerprints = fingerprintsOf(key.key);
    if (seen.has(fingerprints[0]!)) duplicates.push({ line: key.line });
    else candidates.push({ ...key, fingerprints });
    seen.add(fingerprints[0]!);
  }
  const known = await knownFingerprints(candidates.flatMap((c) => c.fingerprints));
  const fresh = candidates.filter((c) => {
    const isKnown = c.fingerprints.some((f) => known.has(f));
    if (isKnown) duplicates.push({ line: c.line });
    return !isKnown;
  });

  const outcome = await transaction(async (tx) => {
    // The edition before its keys and owed library items (db/locks.ts): a refund holding the
    // edition and revoking an owed item this import was serving deadlocked with it otherwise.
    await lockEditions(tx, [input.editionId]);
    const inserted = await insertKeys(tx, input.editionId, input.actor.id, fresh);
    // A concurrent import that wrote the same key first: this one wrote nothing for that line.
    for (const c of fresh) if (!inserted.has(c.fingerprints[0]!)) duplicates.push({ line: c.line });
    const newKeyIds = fresh.flatMap((c) => inserted.get(c.fingerprints[0]!) ?? []);
    const servedOwed = await serveOwedItems(tx, input.editionId, newKeyIds);
    const forSale = newKeyIds.length - servedOwed;
    const move = forSale > 0 ? await addStock(tx, edition.productId, input, forSale) : null;
    await recordAudit(tx, input.actor, {
      action: 'edition.keys_import',
      entity: 'edition',
      entityId: edition.id,
      after: {
        productId: edition.productId,
        sku: edition.sku,
        imported: newKeyIds.length,
        servedOwed,
        duplicates: duplicates.length,
        malformed: parsed.malformed.length,
        stock: move?.stockAfter ?? edition.stock,
      },
    });
    const { available } = await countKeys(tx, input.editionId);
    return { imported: newKeyIds.length, servedOwed, move, available };
  });
  // Announced only once committed: the counters must never show keys a rollback took back.
  if (outcome.move) await stockMoved('adjusted', [outcome.move]);
  return {
    imported: outcome.imported,
    servedOwed: outcome.servedOwed,
    duplicates: duplicates.sort((a, b) => a.line - b.line),
    malformed: parsed.malformed,
    available: outcome.available,
  };
}

async function knownFingerprints(fingerprints: string[]): Promise<Set<string>> {
  const db = await getDb();
  const known = new Set<string>();
  for (let i = 0; i < fingerprints.length; i += 5_000) {
    const rows = await db
      .select({ fingerprint: licenseKeys.fingerprint })
      .from(licenseKeys)
      .where(inArray(licenseKeys.fingerprint, fingerprints.slice(i, i + 5_000)));
    for (const r of rows) known.add(r.fingerprint);
  }
  return known;
}

/**
 * Seals and writes the keys; returns fingerprint → key id for the rows this transaction wrote.
 * ON CONFLICT DO NOTHING: a concurrent import of the same key waits on the unique index for the
 * other to commit, then writes nothing, so no key is ever stored (or sold) twice.
 */
async function insertKeys(
  tx: Tx,
  editionId: string,
  actorId: string,
  keys: Candidate[],
): Promise<Map<string, string>> {
  const inserted = new Map<string, string>();
  // One order for every import: two imports sharing keys wait on each other's rows in the same
  // order, and so never deadlock.
  const sorted = [...keys].sort((a, b) => (a.fingerprints[0]! < b.fingerprints[0]! ? -1 : 1));
  for (let i = 0; i < sorted.length; i += INSERT_BATCH) {
    const rows = await tx
      .insert(licenseKeys)
      .values(
        sorted.slice(i, i + INSERT_BATCH).map((k) => ({
          editionId,
          ...encryptKey(k.key),
          fingerprint: k.fingerprints[0]!,
          importedBy: actorId,
        })),
      )
      .onConflictDoNothing({ target: licenseKeys.fingerprint })
      .returning({ id: licenseKeys.id, fingerprint: licenseKeys.fingerprint });
    for (const r of rows) inserted.set(r.fingerprint, r.id);
  }
  return inserted;
}

/**
 * Buyers who paid while the pool was dry get the new keys first, oldest purchase first. SKIP
 * LOCKED: an item another import is serving right now is left to it.
 */
async function serveOwedItems(tx: Tx, editionId: string, keyIds: string[]): Promise<number> {
  if (!keyIds.length) return 0;
  const owed = rowsOf<{ id: string; order_id: string }>(
    await tx.execute(sql`
      ${owedItemsOf(editionId)}
      order by li.created_at, li.id
      limit ${keyIds.length}
      for update of li skip locked
    `),
  );
  await handOverKeys(
    tx,
    owed.map((item, i) => ({
      licenseKeyId: keyIds[i]!,
      libraryItemId: item.id,
      orderId: item.order_id,
    })),
  );
  return owed.length;
}

/** The keys left over go on sale: stock grows by exactly that many, with its history row. */
async function addStock(
  tx: Tx,
  productId: string,
  input: KeyImport,
  count: number,
): Promise<StockMove> {
  const [after] = await tx
    .update(editions)
    .set({ stock: sql`coalesce(${editions.stock}, 0) + ${count}`, updatedAt: new Date() })
    .where(eq(editions.id, input.editionId))
    .returning({ stock: editions.stock });
  await tx.insert(stockAdjustments).values({
    productId,
    editionId: input.editionId,
    delta: count,
    reason: 'keys_imported',
    actorId: input.actor.id,
  });
  return { unit: input.editionId, delta: count, stockAfter: after?.stock ?? count };
}
