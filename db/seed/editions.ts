import { createHash } from 'node:crypto';
import { createRandom } from '@/lib/media/random';
import type { GameSeed } from './games';

export type EditionSeed = {
  sku: string;
  name: string;
  platform: string;
  delivery: 'key' | 'download' | 'physical';
  priceCents: number;
  /** Units for a box; null for an uncapped download; for a key edition, the keys seeded. */
  stock: number | null;
  position: number;
};

/** How each platform's copy is delivered and named in the picker. */
const KEY_EDITIONS: Record<string, { name: string; code: string }> = {
  PC: { name: 'PC (Steam key)', code: 'PC' },
  'PlayStation 5': { name: 'PlayStation 5 (code)', code: 'PS5' },
  'Xbox Series X|S': { name: 'Xbox Series X|S (code)', code: 'XBX' },
  'Nintendo Switch': { name: 'Nintendo Switch (code)', code: 'NSW' },
  'Steam Deck': { name: 'Steam Deck (Steam key)', code: 'DECK' },
  macOS: { name: 'macOS (Steam key)', code: 'MAC' },
};

/** Keys seeded per key edition at most: a demo vault, not a warehouse. */
const MAX_SEEDED_KEYS = 40;

/**
 * A game's editions: a key on each platform it lists, sharing the game's stock between them; a
 * DRM-free download for about a third of the games on PC or macOS (never for a sold-out game: a
 * download never runs out); a collector's box for a few.
 */
export function editionsOf(game: GameSeed): EditionSeed[] {
  const rng = createRandom(`editions:${game.slug}`);
  const base = game.slug.toUpperCase();
  const onPlatforms = game.platforms.filter((p) => KEY_EDITIONS[p]);
  const share = (i: number) =>
    Math.min(
      MAX_SEEDED_KEYS,
      Math.floor(game.stock / onPlatforms.length) + (i < game.stock % onPlatforms.length ? 1 : 0),
    );
  const editions: EditionSeed[] = onPlatforms.map((platform, i) => ({
    sku: `${base}-${KEY_EDITIONS[platform]!.code}-KEY`,
    name: KEY_EDITIONS[platform]!.name,
    platform,
    delivery: 'key',
    priceCents: game.priceCents,
    stock: share(i),
    position: i,
  }));
  const computer = game.platforms.includes('PC') || game.platforms.includes('macOS');
  if (computer && game.stock > 0 && rng.chance(0.3)) {
    editions.push({
      sku: `${base}-DRMFREE`,
      name: 'DRM-free download',
      platform: game.platforms.includes('PC') ? 'PC' : 'macOS',
      delivery: 'download',
      priceCents: game.priceCents,
      stock: null,
      position: editions.length,
    });
  }
  if (game.priceCents > 0 && rng.chance(0.06)) {
    editions.push({
      sku: `${base}-BOX`,
      name: "Collector's box",
      platform:
        onPlatforms.find((p) => p !== 'PC' && p !== 'Steam Deck' && p !== 'macOS') ??
        onPlatforms[0] ??
        'PC',
      delivery: 'physical',
      priceCents: game.priceCents + 4000,
      stock: Math.min(40, Math.max(0, Math.round(game.stock / 5))),
      position: editions.length,
    });
  }
  return editions;
}

const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** The n-th demo key of an edition: the same on every run, unique across the catalog. */
export function demoKey(sku: string, n: number): string {
  const digest = createHash('sha256').update(`arcade-demo-key:${sku}:${n}`).digest();
  const chars = Array.from(digest.subarray(0, 15), (b) => KEY_ALPHABET[b % KEY_ALPHABET.length]);
  return [0, 5, 10].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
