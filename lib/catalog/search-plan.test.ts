import { describe, expect, it } from 'vitest';
import { editDistance, trigramSimilarity, trigrams } from './fuzzy';
import { didYouMean, planSearch } from './search-plan';
import { suggestFrom } from './suggest';
import type { SearchVocabulary } from './types';

const titles: [string, string][] = [
  ['sunken-dragon', 'Sunken Dragon'],
  ['dragon-saints', 'Dragon Saints'],
  ['starlit-covenant', 'The Starlit Covenant'],
  ['lost-harbor', 'Lost Harbor'],
  ['neon-fist', 'Neon Fist'],
  ['grim-nightmare', 'Grim Nightmare'],
];
const vocabulary: SearchVocabulary = {
  genres: ['Action', 'Horror', 'Puzzle', 'RPG'],
  platforms: ['Nintendo Switch', 'PC', 'PlayStation 5', 'Xbox Series X|S'],
  studios: ['Aster Interactive', 'Copperfox Games', 'Nightjar Games', 'Pixel Harbor'],
  titles,
  words: [
    ...new Set(
      titles
        .flatMap(([, t]) => t.toLowerCase().split(' '))
        .concat(['megacity', 'rain', 'soaked', 'kingdom', 'master', 'puzzles']),
    ),
  ],
};

const plan = (q: string) => planSearch(q, vocabulary);

describe('fuzzy matching', () => {
  it('computes trigram similarity as pg_trgm does', () => {
    // select similarity('drgon', 'dragon') → 0.44444445
    expect(trigramSimilarity(trigrams('drgon'), trigrams('dragon'))).toBeCloseTo(4 / 9, 6);
    expect(trigrams('Pixel-Harbor')).toEqual(trigrams('pixel harbor'));
  });

  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('dargon', 'dragon', 2)).toBe(1);
    expect(editDistance('drgon', 'dragon', 2)).toBe(1);
    expect(editDistance('qzvkt', 'dragon', 2)).toBe(3);
  });
});

describe('planSearch', () => {
  it('reads genre, platform and studio names, typed in any case or as a common alias', () => {
    expect(plan('RPG')).toMatchObject({
      genres: ['RPG'],
      platforms: [],
      studios: [],
      rest: null,
      corrected: null,
    });
    expect(plan('switch')).toMatchObject({ platforms: ['Nintendo Switch'] });
    expect(plan('ps5 horror')).toMatchObject({ genres: ['Horror'], platforms: ['PlayStation 5'] });
    expect(plan('xbox series x')).toMatchObject({ platforms: ['Xbox Series X|S'], rest: null });
    expect(plan('pixel harbor')).toMatchObject({ studios: ['Pixel Harbor'] });
    expect(plan('copperfox')).toMatchObject({ studios: ['Copperfox Games'] });
  });

  it('takes a plural for the name, but no other catalog word for a misspelt one', () => {
    expect(plan('puzzles')).toMatchObject({ genres: ['Puzzle'], corrected: null });
    expect(plan('master')).toMatchObject({ studios: [], corrected: null });
    expect(plan('nightare')).toMatchObject({ studios: [], corrected: 'nightmare' });
    expect(plan('nightjr')).toMatchObject({
      studios: ['Nightjar Games'],
      corrected: 'nightjar games',
    });
  });

  it('keeps the words beside a facet name, without the filler', () => {
    expect(plan('rpg dragon')).toMatchObject({ genres: ['RPG'], rest: 'dragon' });
    expect(plan('rpg games on switch')).toMatchObject({
      genres: ['RPG'],
      platforms: ['Nintendo Switch'],
      rest: null,
    });
  });

  it('replaces a misspelt word with the closest catalog word', () => {
    expect(plan('drgon')).toMatchObject({ corrected: 'dragon', proposal: 'dragon' });
    expect(plan('dargon saints')).toMatchObject({ corrected: 'dragon saints' });
    expect(plan('horor')).toMatchObject({ genres: ['Horror'], corrected: 'horror' });
    expect(plan('rpg drgon')).toMatchObject({
      genres: ['RPG'],
      rest: 'drgon',
      restCorrected: 'dragon',
    });
  });

  it('leaves alone words the catalog uses, plurals and a half-typed last word', () => {
    for (const q of ['megacity', 'dragons', 'starlit cov', 'neon fi'])
      expect(plan(q).corrected).toBeNull();
  });

  it('drops from the proposal words nothing in the catalog resembles', () => {
    expect(plan('drgon qqzzx')).toMatchObject({ corrected: 'dragon qqzzx', proposal: 'dragon' });
    expect(plan('qzvkt').proposal).toBeNull();
  });
});

describe('didYouMean', () => {
  it('names the correction of a misspelt search, found games or not', () => {
    expect(didYouMean(plan('drgon'), 2, vocabulary)).toBe('dragon');
    expect(didYouMean(plan('drgon qqzzx'), 0, vocabulary)).toBe('dragon');
  });

  it('proposes the closest title when all words are known but nothing matched', () => {
    expect(didYouMean(plan('sunken dragon saints'), 0, vocabulary)).toBe('Sunken Dragon');
  });

  it('proposes nothing for a search that found games with its own words, or for nonsense', () => {
    expect(didYouMean(plan('dragon'), 2, vocabulary)).toBeNull();
    expect(didYouMean(plan('qzvkt wxyq'), 0, vocabulary)).toBeNull();
  });
});

describe('suggestFrom', () => {
  it('suggests titles starting with the words, then titles with words starting with them', () => {
    expect(suggestFrom('drag', vocabulary).titles.map((t) => t.title)).toEqual([
      'Dragon Saints',
      'Sunken Dragon',
    ]);
    expect(suggestFrom('starlit co', vocabulary).titles.map((t) => t.slug)).toEqual([
      'starlit-covenant',
    ]);
  });

  it('suggests titles for a misspelling, and the genres, platforms and studios named or begun', () => {
    expect(suggestFrom('drgon', vocabulary).titles).toHaveLength(2);
    expect(suggestFrom('rp', vocabulary).genres).toEqual(['RPG']);
    expect(suggestFrom('switch', vocabulary).platforms).toEqual(['Nintendo Switch']);
    expect(suggestFrom('pixel', vocabulary).studios).toEqual(['Pixel Harbor']);
    expect(suggestFrom('   ', vocabulary)).toEqual({
      q: '',
      titles: [],
      genres: [],
      platforms: [],
      studios: [],
    });
  });
});
