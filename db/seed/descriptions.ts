import type { Random } from '@/lib/media/random';
import type { Genre } from './genres';

export type DescriptionFacts = {
  title: string;
  genre: Genre;
  developer: string;
  publisher: string;
  modes: readonly string[];
  platforms: readonly string[];
  multiplayer: boolean;
};

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "an action game", "a puzzle game", "an RPG". */
function kindOf(genre: Genre): string {
  if (genre.slug === 'rpg') return 'an RPG';
  const name = genre.name.toLowerCase();
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} game`;
}

function premise(rng: Random, { title, genre }: DescriptionFacts): string {
  const setting = rng.pick(genre.settings);
  const hero = rng.pick(genre.heroes);
  const goal = rng.pick(genre.goals);
  return rng.pick([
    `${title} drops you into ${setting} as ${hero}. Your goal: ${goal}.`,
    `In ${setting}, ${hero} has one chance to ${goal}. ${title} is the story of that chance.`,
    `${title} is ${kindOf(genre)} set in ${setting}. You play ${hero}, determined to ${goal}.`,
    `Someone has to ${goal}. In ${title}, set in ${setting}, that someone is ${hero}.`,
  ]);
}

function gameplay(rng: Random, facts: DescriptionFacts): string {
  const [first, second, third] = rng.sample(facts.genre.features, 3);
  const highlights = rng.pick([
    `Expect ${first}, ${second} and ${third}.`,
    `Highlights include ${first} and ${second}, plus ${third}.`,
    `At its heart are ${first} and ${second}, with ${third} for those who want more.`,
  ]);
  const modes = facts.multiplayer
    ? `Play alone or with friends: ${list(facts.modes.map((m) => m.toLowerCase()))}.`
    : `A focused single-player experience of around ${rng.int(4, 40)} hours.`;
  return `${highlights} ${modes}`;
}

function credits(
  rng: Random,
  { title, developer, publisher, platforms }: DescriptionFacts,
): string {
  const who = developer === publisher ? developer : `${developer}, published by ${publisher}`;
  const closing = rng.pick([
    'is the studio’s most ambitious project yet',
    'builds on everything the team learned from its earlier games',
    'has been shaped by years of community feedback',
    'comes from a small team with big ideas',
  ]);
  return `Made by ${who}, ${title} ${closing}. Available on ${list(platforms)}.`;
}

/** Two or three paragraphs, separated by blank lines, in the shop's usual voice. */
export function gameDescription(rng: Random, facts: DescriptionFacts): string {
  const paragraphs = [premise(rng, facts), gameplay(rng, facts)];
  if (rng.chance(0.6)) paragraphs.push(credits(rng, facts));
  return paragraphs.join('\n\n');
}
