import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { editionFiles, editions, licenseKeys, products } from '@/db/schema';
import { demoBuildFor } from '@/lib/downloads/demo-build';
import { getStorage } from '@/lib/storage';
import { sealKey } from '@/lib/vault/crypto';
import { demoKey, editionsOf } from './editions';
import type { GameSeed } from './games';
import { chunks, differsFromExcluded, fromExcluded, type UpsertCount } from './upsert';

const ROWS_PER_INSERT = 150;

const seededEditionColumns = {
  productId: editions.productId,
  name: editions.name,
  platform: editions.platform,
  delivery: editions.delivery,
  priceCents: editions.priceCents,
  currency: editions.currency,
  position: editions.position,
};

/**
 * Gives every game its editions. Boxes and downloads get their seeded stock back on every run; a
 * key edition's stock is its keys, so it follows the vault (see `upsertKeys`).
 */
export async function upsertEditions(
  tx: DbOrTx,
  games: readonly GameSeed[],
  productIdBySlug: Map<string, string>,
): Promise<{
  count: UpsertCount;
  keyEditions: { id: string; sku: string; keys: number }[];
  downloads: string[];
}> {
  const rows = games.flatMap((game) => {
    const productId = productIdBySlug.get(game.slug);
    if (!productId) throw new Error(`product ${game.slug} was not written`);
    return editionsOf(game).map((e) => ({
      ...e,
      productId,
      currency: game.currency,
      stock: e.delivery === 'key' ? 0 : e.stock,
      seededKeys: e.delivery === 'key' ? (e.stock ?? 0) : 0,
    }));
  });
  const skus = rows.map((r) => r.sku);
  const before = await tx
    .select({ sku: editions.sku })
    .from(editions)
    .where(inArray(editions.sku, skus));
  let changed = 0;
  for (const batch of chunks(rows, ROWS_PER_INSERT)) {
    const written = await tx
      .insert(editions)
      .values(batch.map(({ seededKeys: _keys, ...row }) => row))
      .onConflictDoUpdate({
        target: editions.sku,
        set: {
          ...fromExcluded(seededEditionColumns),
          stock: sql`case when excluded.delivery = 'key' then ${editions.stock} else excluded.stock end`,
          archivedAt: sql`null`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${differsFromExcluded(seededEditionColumns)} or (excluded.delivery <> 'key' and ${editions.stock} is distinct from excluded.stock) or ${editions.archivedAt} is not null`,
      })
      .returning({ sku: editions.sku });
    changed += written.length;
  }
  const ids = await tx
    .select({ id: editions.id, sku: editions.sku })
    .from(editions)
    .where(inArray(editions.sku, skus));
  const idBySku = new Map(ids.map((r) => [r.sku, r.id]));
  const created = rows.length - before.length;
  return {
    count: { total: rows.length, created, updated: changed - created },
    keyEditions: rows
      .filter((r) => r.delivery === 'key')
      .map((r) => ({ id: idBySku.get(r.sku)!, sku: r.sku, keys: r.seededKeys })),
    downloads: rows.filter((r) => r.delivery === 'download').map((r) => idBySku.get(r.sku)!),
  };
}

/**
 * Fills the vault with each key edition's demo keys (sealed like imported ones; a key already
 * there, recognised by its fingerprint, is not written again), then sets each key edition's stock
 * to its keys on sale: available keys less those promised to unpaid orders.
 */
export async function upsertKeys(
  tx: DbOrTx,
  keyEditions: readonly { id: string; sku: string; keys: number }[],
): Promise<UpsertCount> {
  const rows = keyEditions.flatMap((e) =>
    Array.from({ length: e.keys }, (_, n) => ({ editionId: e.id, ...sealKey(demoKey(e.sku, n)) })),
  );
  let created = 0;
  for (const batch of chunks(rows, 500)) {
    const written = await tx
      .insert(licenseKeys)
      .values(batch)
      .onConflictDoNothing({ target: licenseKeys.fingerprint })
      .returning({ id: licenseKeys.id });
    created += written.length;
  }
  const ids = keyEditions.map((e) => e.id);
  for (const batch of chunks(ids, 1000)) {
    await tx.execute(sql`
      update editions e set stock = greatest(0,
        (select count(*) from license_keys k where k.edition_id = e.id and k.status = 'available')
        - coalesce((select sum(oi.quantity) from order_items oi join orders o on o.id = oi.order_id
                    where oi.edition_id = e.id and o.status = 'pending_payment'), 0))::int
      where e.id = any(${sql.raw(`array[${batch.map((id) => `'${id}'`).join(',')}]`)}::uuid[])
    `);
  }
  return { total: rows.length, created, updated: 0 };
}

/**
 * Attaches the demo build to every download edition that has none: one stored object shared by
 * all of them (it is the same stand-in for every game), one row each under the game's name.
 */
export async function attachDemoBuilds(
  tx: DbOrTx,
  editionIds: readonly string[],
): Promise<UpsertCount> {
  if (!editionIds.length) return { total: 0, created: 0, updated: 0 };
  const build = demoBuildFor('Arcade demo build');
  const sha256 = createHash('sha256').update(build.body).digest('hex');
  const storageKey = `builds/demo/${sha256.slice(0, 16)}/${build.fileName}`;
  await getStorage().put(storageKey, build.body, build.contentType);
  const missing = await tx
    .select({ id: editions.id, slug: products.slug })
    .from(editions)
    .innerJoin(products, eq(products.id, editions.productId))
    .leftJoin(editionFiles, eq(editionFiles.editionId, editions.id))
    .where(and(inArray(editions.id, [...editionIds]), sql`${editionFiles.editionId} is null`));
  for (const batch of chunks(missing, ROWS_PER_INSERT)) {
    await tx.insert(editionFiles).values(
      batch.map((e) => ({
        editionId: e.id,
        storageKey,
        fileName: `${e.slug}-drm-free.txt`,
        contentType: build.contentType,
        sizeBytes: build.body.byteLength,
        sha256,
      })),
    );
  }
  return { total: editionIds.length, created: missing.length, updated: 0 };
}
