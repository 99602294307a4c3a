import { COVER_HEIGHT, COVER_WIDTH, coverUrl } from '@/lib/media/cover';
import { createRandom, type Random } from '@/lib/media/random';
import { gameDescription } from './descriptions';
import { GENRES, type Genre } from './genres';
import { DEVELOPERS, PUBLISHERS } from './studios';
import { gameTitle, hasRepeatedWord, slugify } from './titles';

export const GAME_COUNT = 540;
export const FEATURED_COUNT = 16;

export const PLATFORMS = [
  'PC',
  'PlayStation 5',
  'Xbox Series X|S',
  'Nintendo Switch',
  'Steam Deck',
  'macOS',
] as const;

export type GameSeed = {
  slug: string;
  title: string;
  description: string;
  specs: Record<string, string>;
  priceCents: number;
  currency: 'USD';
  stock: number;
  categorySlug: string;
  platforms: string[];
  genres: string[];
  developer: string;
  publisher: string;
  /** ISO date, YYYY-MM-DD. */
  releaseDate: string;
  rating: number;
  ratingCount: number;
  featured: boolean;
  image: { url: string; alt: string; width: number; height: number };
};

const PRICES: readonly (readonly [number, number])[] = [
  [0, 3],
  [499, 6],
  [999, 12],
  [1499, 12],
  [1999, 15],
  [2499, 10],
  [2999, 14],
  [3999, 10],
  [4999, 8],
  [5999, 6],
  [6999, 4],
];

const LANGUAGES = [
  'French',
  'German',
  'Spanish',
  'Italian',
  'Portuguese (Brazil)',
  'Japanese',
  'Korean',
  'Simplified Chinese',
  'Polish',
  'Turkish',
  'Dutch',
];

const MULTIPLAYER_MODES = [
  'Online multiplayer',
  'Online co-op',
  'Local co-op',
  'Split-screen',
  'Cross-platform play',
];

const FIRST_DAY = Date.UTC(2012, 0, 1);
const LAST_DAY = Date.UTC(2026, 9, 31);
const DAY_MS = 86_400_000;

const genreBySlug = new Map(GENRES.map((g) => [g.slug, g]));

function releaseDate(rng: Random): string {
  // More games come out every year: sqrt skews the spread towards recent dates.
  const days = Math.floor(Math.sqrt(rng.next()) * ((LAST_DAY - FIRST_DAY) / DAY_MS));
  return new Date(FIRST_DAY + days * DAY_MS).toISOString().slice(0, 10);
}

function price(rng: Random, released: string): number {
  const cents = rng.weighted(PRICES);
  // Back-catalogue games are rarely sold at full launch price.
  if (Number(released.slice(0, 4)) < 2018 && cents > 2999) return rng.pick([999, 1499, 1999, 2999]);
  return cents;
}

function stock(rng: Random): number {
  const roll = rng.next();
  if (roll < 0.08) return 0;
  if (roll < 0.18) return rng.int(1, 5);
  return rng.int(6, 250);
}

function rating(rng: Random): { rating: number; ratingCount: number } {
  const score = rng.chance(0.06)
    ? 1.5 + rng.next() * 1.5
    : 3.9 + (rng.next() + rng.next() + rng.next() - 1.5) * 1.1;
  return {
    rating: Math.round(Math.min(5, Math.max(1.5, score)) * 10) / 10,
    ratingCount: Math.round(Math.exp(2 + rng.next() * 8.5)),
  };
}

function platforms(rng: Random, genre: Genre): string[] {
  const onPc = rng.chance(0.85);
  const handheldFriendly = ['platformer', 'puzzle', 'roguelike', 'sports'].includes(genre.slug);
  const chosen = PLATFORMS.filter((platform) => {
    switch (platform) {
      case 'PC':
        return onPc;
      case 'PlayStation 5':
        return rng.chance(0.55);
      case 'Xbox Series X|S':
        return rng.chance(0.5);
      case 'Nintendo Switch':
        return rng.chance(handheldFriendly ? 0.7 : 0.3);
      case 'Steam Deck':
        return onPc && rng.chance(0.6);
      case 'macOS':
        return onPc && rng.chance(0.25);
    }
  });
  return chosen.length > 0 ? chosen : ['PC'];
}

function storage(rng: Random, [min, max]: readonly [number, number]): string {
  const gb = min + rng.next() * (max - min);
  return gb < 1 ? `${Math.round(gb * 1000)} MB` : `${Math.round(gb)} GB`;
}

function players(rng: Random, multiplayer: boolean): string {
  if (!multiplayer) return '1';
  return rng.pick(['1–2', '1–4', '1–8', '2–16 (online)', '1–64 (online)']);
}

/** A game's details depend only on its slug, so adding games never reshuffles existing ones. */
function gameFrom(title: string, slug: string, genre: Genre): GameSeed {
  const rng = createRandom(`game:${slug}`);
  const secondary = rng
    .sample(genre.related, rng.int(1, 2))
    .map((related) => genreBySlug.get(related)?.name)
    .filter((name): name is string => Boolean(name));
  const developer = rng.pick(DEVELOPERS);
  const publisher = rng.chance(0.3) ? developer : rng.pick(PUBLISHERS);
  const multiplayer = rng.chance(genre.multiplayer);
  const modes = multiplayer
    ? ['Single-player', ...rng.sample(MULTIPLAYER_MODES, rng.int(1, 3))]
    : ['Single-player'];
  const languages = [
    'English',
    ...rng
      .sample(LANGUAGES, rng.int(2, 9))
      .sort((a, b) => LANGUAGES.indexOf(a) - LANGUAGES.indexOf(b)),
  ];
  const released = releaseDate(rng);
  const onPlatforms = platforms(rng, genre);
  return {
    slug,
    title,
    description: gameDescription(rng, {
      title,
      genre,
      developer,
      publisher,
      modes,
      platforms: onPlatforms,
      multiplayer,
    }),
    specs: {
      Developer: developer,
      Publisher: publisher,
      Players: players(rng, multiplayer),
      Modes: modes.join(', '),
      Languages: languages.join(', '),
      Storage: storage(rng, genre.storage),
      'Age rating': rng.weighted(genre.ageRatings),
    },
    priceCents: price(rng, released),
    currency: 'USD',
    stock: stock(rng),
    categorySlug: genre.slug,
    platforms: onPlatforms,
    genres: [genre.name, ...secondary],
    developer,
    publisher,
    releaseDate: released,
    ...rating(rng),
    featured: false,
    image: {
      url: coverUrl(slug),
      alt: `Cover art for ${title}`,
      width: COVER_WIDTH,
      height: COVER_HEIGHT,
    },
  };
}

/** The shop window: the best-loved games in stock, at most two from any one genre. */
function markFeatured(games: GameSeed[]): void {
  const score = (g: GameSeed) => g.rating * Math.log10(g.ratingCount + 10);
  const perGenre = new Map<string, number>();
  const ranked = games
    .filter((g) => g.stock > 0)
    .sort((a, b) => score(b) - score(a) || a.slug.localeCompare(b.slug));
  let featured = 0;
  for (const game of ranked) {
    if (featured === FEATURED_COUNT) break;
    const taken = perGenre.get(game.categorySlug) ?? 0;
    if (taken === 2) continue;
    perGenre.set(game.categorySlug, taken + 1);
    game.featured = true;
    featured++;
  }
}

/** The whole demo catalog, identical on every run. */
export function buildCatalog(count: number = GAME_COUNT): GameSeed[] {
  const rng = createRandom('arcade-catalog');
  const titles = new Set<string>();
  const slugs = new Set<string>();
  const games: GameSeed[] = [];
  for (let i = 0; i < count; i++) {
    // Round-robin keeps every genre well stocked.
    const genre = GENRES[i % GENRES.length] as Genre;
    for (let attempt = 0; ; attempt++) {
      if (attempt === 200) throw new Error(`ran out of unique ${genre.name} titles`);
      const title = gameTitle(rng, genre);
      const slug = slugify(title);
      if (titles.has(title) || slugs.has(slug) || hasRepeatedWord(title)) continue;
      titles.add(title);
      slugs.add(slug);
      games.push(gameFrom(title, slug, genre));
      break;
    }
  }
  markFeatured(games);
  return games;
}
