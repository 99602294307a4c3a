import type { Random } from '@/lib/media/random';
import type { Genre } from './genres';

/** Invented places that lend titles a sense of world: "Echoes of Varrow". */
// prettier-ignore
export const PLACES: readonly string[] = [
  'Varrow', 'Kestrel Reach', 'Oldmere', 'Ashgrove', 'Tidewall', 'Ironholt', 'Sunhollow', 'Caldera',
  'Vesper Isle', 'Greywater', 'Northmarch', 'Halcyon', 'Brightfall', 'Emberlyn', 'Duskvale',
  'Mirefield', 'Stonecrest', 'Kepler Deep', 'Saltmarsh', 'Thornwick', 'Aurelia', 'Blackfen',
  'Cinderport', 'Highmoor', 'Wyrmrest', 'Starfall', 'Lowtide', 'Elderglen',
];

/** First words of "X of Place" titles. */
// prettier-ignore
export const LEADS: readonly string[] = [
  'Echoes', 'Heroes', 'Shadows', 'Legends', 'Ruins', 'Secrets', 'Tales', 'Songs', 'Ghosts', 'Lords',
  'Knights', 'Wardens', 'Rise', 'Fall', 'Siege', 'Return',
];

/** Subtitles after a colon: "Neon Drift: Overclocked". */
// prettier-ignore
export const SUBTITLES: readonly string[] = [
  'Overclocked', 'Definitive Edition', 'Remastered', 'Director’s Cut', 'Origins', 'Reborn',
  'Aftermath', 'Into the Deep', 'First Light', 'Long Night', 'Homecoming', 'Year One',
  'Second Wind', 'Beyond', 'Ascent', 'Nightfall', 'Frontiers', 'Complete Edition',
];

export const SEQUELS: readonly string[] = ['II', 'III', '2', '3', 'IV'];

const TITLE_SHAPES = [
  ['plain', 5],
  ['subtitle', 3],
  ['the', 2],
  ['suffix', 3],
  ['of', 2],
  ['place', 2],
] as const;

/** A title in the voice of its genre; the caller retries when it is already taken. */
export function gameTitle(rng: Random, genre: Genre): string {
  const adjective = rng.pick(genre.adjectives);
  const noun = rng.pick(genre.nouns);
  const sequel = rng.chance(0.12) ? ` ${rng.pick(SEQUELS)}` : '';
  switch (rng.weighted(TITLE_SHAPES)) {
    case 'plain':
      return `${adjective} ${noun}${sequel}`;
    case 'subtitle':
      return `${adjective} ${noun}: ${rng.pick(SUBTITLES)}`;
    case 'the':
      return `The ${adjective} ${noun}`;
    case 'suffix':
      return `${adjective} ${noun} ${rng.pick(genre.suffixes)}${sequel}`;
    case 'of':
      return `${rng.pick(LEADS)} of ${rng.pick(PLACES)}`;
    case 'place':
      return `${rng.pick(PLACES)} ${rng.pick(genre.suffixes)}${sequel}`;
  }
}

/** A title reads badly when a word repeats: "Frontier Frontier", "Rally Rally". */
export function hasRepeatedWord(title: string): boolean {
  const words = title
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return new Set(words).size !== words.length;
}

/** URL-safe and matching what the cover route accepts: lowercase letters, digits and dashes. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}
