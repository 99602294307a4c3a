import { trigramSimilarity, trigrams, wordsOf } from './fuzzy';
import { planSearch, vocabularyIndex } from './search-plan';
import type { SearchSuggestions, SearchVocabulary } from './types';

export const SUGGESTED_TITLES = 6;
export const SUGGESTED_NAMES = 3;

/** Below this trigram similarity a title is not suggested for a misspelt query. */
const SIMILAR_TITLE = 0.3;

/** Every typed word starts a word of the title, in any order ("drag sunk" → "Sunken Dragon"). */
function startsWords(typed: string[], words: string[]): boolean {
  return typed.every((t) => words.some((w) => w.startsWith(t)));
}

/**
 * Suggestions for what has been typed so far: titles that start with it, then titles with words
 * that start with each typed word, then titles with the words a misspelling stands for or close to the whole of it, best rated first in
 * each group; genres, platforms and studios whose name starts with it or that it names.
 */
export function suggestFrom(q: string, vocabulary: SearchVocabulary): SearchSuggestions {
  const typed = wordsOf(q);
  const text = typed.join(' ');
  const empty = { q: text, titles: [], genres: [], platforms: [], studios: [] };
  if (!text) return empty;
  const index = vocabularyIndex(vocabulary);

  const plan = planSearch(q, vocabulary);
  const corrected = plan.corrected ? wordsOf(plan.corrected) : null;
  const groups: { slug: string; title: string }[][] = [[], [], []];
  const typedTrigrams = trigrams(text);
  for (const t of index.titles) {
    const group = t.text.startsWith(text)
      ? 0
      : startsWords(typed, t.words)
        ? 1
        : (corrected && startsWords(corrected, t.words)) ||
            (text.length >= 4 && trigramSimilarity(typedTrigrams, t.trigrams) >= SIMILAR_TITLE)
          ? 2
          : -1;
    if (group >= 0) groups[group]!.push({ slug: t.slug, title: t.title });
  }

  const names = (values: string[], named: string[]) => {
    const starting = values.filter((v) => {
      const words = wordsOf(v);
      return words.join(' ').startsWith(text) || (text.length >= 2 && startsWords(typed, words));
    });
    return [...new Set([...named, ...starting])].slice(0, SUGGESTED_NAMES);
  };
  return {
    q: text,
    titles: groups.flat().slice(0, SUGGESTED_TITLES),
    genres: names(vocabulary.genres, plan.genres),
    platforms: names(vocabulary.platforms, plan.platforms),
    studios: names(vocabulary.studios, plan.studios),
  };
}
