import { describe, expect, it } from 'vitest';
import { isCoverSlug } from '@/lib/media/cover';
import { buildCatalog, FEATURED_COUNT, PLATFORMS } from './games';
import { GENRES } from './genres';
import { slugify } from './titles';

const games = buildCatalog();
const share = (predicate: (game: (typeof games)[number]) => boolean) =>
  games.filter(predicate).length / games.length;

describe('the demo catalog', () => {
  it('is identical on every build', () => {
    expect(buildCatalog()).toEqual(games);
  });

  it('has over 520 games with unique titles and unique, URL-safe slugs', () => {
    expect(games.length).toBeGreaterThanOrEqual(520);
    expect(new Set(games.map((g) => g.title)).size).toBe(games.length);
    expect(new Set(games.map((g) => g.slug)).size).toBe(games.length);
    for (const game of games) {
      expect(isCoverSlug(game.slug), game.slug).toBe(true);
      expect(game.slug).toBe(slugify(game.title));
    }
  });

  it('files every game under its primary genre and tags it with one or two more', () => {
    const names = new Map(GENRES.map((g) => [g.slug, g.name]));
    for (const game of games) {
      expect(game.genres[0]).toBe(names.get(game.categorySlug));
      expect(game.genres.length).toBeGreaterThanOrEqual(2);
      expect(game.genres.length).toBeLessThanOrEqual(3);
      expect(new Set(game.genres).size).toBe(game.genres.length);
    }
    expect(new Set(games.map((g) => g.categorySlug)).size).toBe(GENRES.length);
    expect(GENRES.length).toBeGreaterThanOrEqual(12);
  });

  it('prices games between free and $69.99, always ending in .99', () => {
    for (const game of games) {
      expect(game.priceCents).toBeGreaterThanOrEqual(0);
      expect(game.priceCents).toBeLessThanOrEqual(6999);
      if (game.priceCents > 0) expect(game.priceCents % 100).toBe(99);
      expect(game.currency).toBe('USD');
    }
    expect(share((g) => g.priceCents === 0)).toBeGreaterThan(0.01);
    expect(share((g) => g.priceCents === 0)).toBeLessThan(0.08);
  });

  it('has about 8% of games sold out and about 10% nearly sold out', () => {
    expect(share((g) => g.stock === 0)).toBeGreaterThan(0.05);
    expect(share((g) => g.stock === 0)).toBeLessThan(0.11);
    expect(share((g) => g.stock >= 1 && g.stock <= 5)).toBeGreaterThan(0.07);
    expect(share((g) => g.stock >= 1 && g.stock <= 5)).toBeLessThan(0.14);
    expect(Math.max(...games.map((g) => g.stock))).toBeLessThanOrEqual(250);
  });

  it('releases games between 2012 and 2026 and rates them from 1.5 to 5.0', () => {
    for (const game of games) {
      expect(game.releaseDate).toMatch(/^20(1[2-9]|2[0-6])-\d\d-\d\d$/);
      expect(game.rating).toBeGreaterThanOrEqual(1.5);
      expect(game.rating).toBeLessThanOrEqual(5);
      expect(game.ratingCount).toBeGreaterThan(0);
    }
  });

  it('features exactly sixteen games, all in stock and from several genres', () => {
    const featured = games.filter((g) => g.featured);
    expect(featured).toHaveLength(FEATURED_COUNT);
    expect(featured.every((g) => g.stock > 0)).toBe(true);
    expect(new Set(featured.map((g) => g.categorySlug)).size).toBeGreaterThanOrEqual(8);
  });

  it('sells each game on at least one known platform, Steam Deck and macOS only with PC', () => {
    for (const game of games) {
      expect(game.platforms.length).toBeGreaterThan(0);
      for (const platform of game.platforms) expect(PLATFORMS).toContain(platform);
      if (game.platforms.includes('Steam Deck') || game.platforms.includes('macOS')) {
        expect(game.platforms).toContain('PC');
      }
    }
    expect(new Set(games.flatMap((g) => g.platforms)).size).toBe(PLATFORMS.length);
  });

  it('describes each game in two or three paragraphs and lists its specs', () => {
    for (const game of games) {
      const paragraphs = game.description.split('\n\n');
      expect(paragraphs.length).toBeGreaterThanOrEqual(2);
      expect(paragraphs.length).toBeLessThanOrEqual(3);
      expect(game.description).toContain(game.title);
      expect(Object.keys(game.specs)).toEqual([
        'Developer',
        'Publisher',
        'Players',
        'Modes',
        'Languages',
        'Storage',
        'Age rating',
      ]);
      expect(game.specs.Developer).toBe(game.developer);
      expect(game.specs.Publisher).toBe(game.publisher);
    }
  });

  it('gives each game one 600×800 cover served by the cover route', () => {
    for (const game of games) {
      expect(game.image).toEqual({
        url: `/media/covers/${game.slug}.svg`,
        alt: `Cover art for ${game.title}`,
        width: 600,
        height: 800,
      });
    }
  });
});
