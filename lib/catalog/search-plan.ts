import {
  allowedEdits,
  closeness,
  editDistance,
  trigramSimilarity,
  trigrams,
  wordsOf,
} from './fuzzy';
import type { SearchVocabulary } from './types';

/**
 * What a search string asks for, read against the catalog's vocabulary before any SQL runs: the
 * genres, platforms and studios it names (so "rpg" finds every game tagged RPG, not the nine
 * whose text says "rpg"), the words left beside them, and the closest catalog word for each
 * misspelt one ("drgon" → "dragon"). lib/catalog/search.ts turns the plan into SQL.
 */
export type SearchPlan = {
  /** The words as typed, trimmed. */
  q: string;
  /** q with misspellings replaced by their closest catalog words; null when nothing was replaced. */
  corrected: string | null;
  /** Facet values the query names, as the catalog spells them. A game must carry all of them. */
  genres: string[];
  platforms: string[];
  /** Developers or publishers; a game made or published by one of them matches. */
  studios: string[];
  /** The words beside the named facets, which the facet's games must also match; null if none. */
  rest: string | null;
  /** `rest` with its misspellings replaced; null when nothing was replaced. */
  restCorrected: string | null;
  /** q's words, corrected, without the words nothing in the catalog resembles; null if none left. */
  proposal: string | null;
};

type FacetKind = 'genre' | 'platform' | 'studio';

/**
 * Other names shoppers give a genre or platform, by the catalog's name (its words, lowercased).
 * Matched exactly: short aliases ("ps5", "deck") are too close to other words to be fuzzy.
 */
const ALIASES: Record<string, readonly string[]> = {
  rpg: ['rpgs', 'role playing', 'roleplaying', 'role playing game', 'role playing games'],
  roguelike: ['roguelikes', 'roguelite', 'roguelites', 'rogue like', 'rogue lite'],
  shooter: ['shooters', 'fps'],
  platformer: ['platformers'],
  'playstation 5': ['ps5', 'playstation', 'playstation5'],
  'xbox series x s': [
    'xbox',
    'xbox series',
    'xbox series x',
    'xbox series s',
    'series x',
    'series s',
  ],
  'nintendo switch': ['switch', 'nintendo'],
  'steam deck': ['steamdeck'],
  macos: ['mac', 'osx', 'os x'],
  pc: ['windows'],
};

/** Words that say nothing once a facet is named: "rpg games on switch" is RPG and Switch. */
const FILLER = new Set(
  'a an and are as at be by for from game games in into is it of on or the to video videogame videogames with'.split(
    ' ',
  ),
);

/** Words of a studio's name that many studios share: "Copperfox" alone names Copperfox Games. */
const STUDIO_SUFFIXES = new Set(
  'collective digital entertainment games game interactive lab labs press publishing software studio studios works'.split(
    ' ',
  ),
);

type Name = {
  kind: FacetKind;
  value: string;
  text: string;
  length: number;
  trigrams: Set<string>;
  /** Whether a misspelling of it still matches (the catalog's own full names of 5+ letters). */
  fuzzy: boolean;
};

type Target = { word: string; trigrams: Set<string>; weight: number };

export type VocabularyIndex = {
  /** Facet names by their exact text, and the names a misspelling may still match. */
  exactNames: Map<string, Name[]>;
  /** By how many words they have. */
  fuzzyNames: Map<number, Name[]>;
  /** How many words the longest name has. */
  longestName: number;
  known: Set<string>;
  knownWords: string[];
  targets: Target[];
  /** Which targets have each trigram: only targets sharing one are compared (as a GIN index would). */
  targetsByTrigram: Map<string, number[]>;
  titles: { slug: string; title: string; text: string; words: string[]; trigrams: Set<string> }[];
};

const indexes = new WeakMap<SearchVocabulary, VocabularyIndex>();

/** The vocabulary prepared for matching, once per cached copy of it. */
export function vocabularyIndex(vocabulary: SearchVocabulary): VocabularyIndex {
  let index = indexes.get(vocabulary);
  if (!index) {
    index = buildIndex(vocabulary);
    indexes.set(vocabulary, index);
  }
  return index;
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function buildIndex(vocabulary: SearchVocabulary): VocabularyIndex {
  const names: Name[] = [];
  const addName = (kind: FacetKind, value: string, text: string, fuzzy: boolean) => {
    if (!text) return;
    const length = text.split(' ').length;
    names.push({
      kind,
      value,
      text,
      length,
      trigrams: trigrams(text),
      fuzzy: fuzzy && text.length >= 5,
    });
  };
  const facet = (kind: FacetKind, value: string) => {
    const text = wordsOf(value).join(' ');
    addName(kind, value, text, true);
    for (const alias of ALIASES[text] ?? []) addName(kind, value, alias, false);
    if (kind === 'studio') {
      const core = text
        .split(' ')
        .filter((w) => !STUDIO_SUFFIXES.has(w))
        .join(' ');
      if (core !== text) addName(kind, value, core, true);
    }
  };
  for (const g of vocabulary.genres) facet('genre', g);
  for (const p of vocabulary.platforms) facet('platform', p);
  for (const s of vocabulary.studios) facet('studio', s);

  const known = new Set(vocabulary.words);
  for (const name of names) for (const w of name.text.split(' ')) known.add(w);

  // Corrections aim at title and facet words; a word in more titles wins a tie.
  const weights = new Map<string, number>();
  const titles = vocabulary.titles.map(([slug, title]) => {
    const words = wordsOf(title);
    for (const w of new Set(words)) weights.set(w, (weights.get(w) ?? 0) + 1);
    return { slug, title, text: words.join(' '), words, trigrams: trigrams(title) };
  });
  for (const name of names)
    for (const w of name.text.split(' ')) weights.set(w, (weights.get(w) ?? 0) + 1);
  const targets = [...weights]
    .filter(([word]) => word.length >= 3 && !/\d/.test(word))
    .map(([word, weight]) => ({ word, trigrams: trigrams(word), weight }));
  const targetsByTrigram = new Map<string, number[]>();
  targets.forEach((target, i) => {
    for (const t of target.trigrams) listIn(targetsByTrigram, t).push(i);
  });

  const exactNames = new Map<string, Name[]>();
  const fuzzyNames = new Map<number, Name[]>();
  for (const name of names) {
    listIn(exactNames, name.text).push(name);
    if (name.fuzzy) listIn(fuzzyNames, name.length).push(name);
  }
  return {
    exactNames,
    fuzzyNames,
    longestName: Math.max(0, ...names.map((n) => n.length)),
    known,
    knownWords: [...known],
    targets,
    targetsByTrigram,
    titles,
  };
}

function isKnown(word: string, index: VocabularyIndex): boolean {
  if (index.known.has(word)) return true;
  // Plurals the text search stems anyway: "dragons" is no misspelling of "dragon".
  return (
    (word.endsWith('s') && index.known.has(word.slice(0, -1))) ||
    (word.endsWith('es') && index.known.has(word.slice(0, -2)))
  );
}

type Closest = { word: string; edits: number; similarity: number; weight: number };

/** The catalog word a misspelt word most likely stands for, or null when none is close. */
function closestWord(word: string, index: VocabularyIndex): string | null {
  return closestMatch(word, index)?.word ?? null;
}

function closestMatch(word: string, index: VocabularyIndex): Closest | null {
  const typed = trigrams(word);
  // A plausible misspelling shares at least one trigram with the word it stands for.
  const candidates = new Set<number>();
  for (const t of typed) for (const i of index.targetsByTrigram.get(t) ?? []) candidates.add(i);
  let best: Closest | null = null;
  for (const i of candidates) {
    const target = index.targets[i]!;
    if (Math.abs(target.word.length - word.length) > 3) continue;
    const c = closeness(word, typed, target.word, target.trigrams);
    if (!c) continue;
    const better =
      !best ||
      c.edits < best.edits ||
      (c.edits === best.edits &&
        (c.similarity > best.similarity ||
          (c.similarity === best.similarity && target.weight > best.weight)));
    if (better) best = { word: target.word, weight: target.weight, ...c };
  }
  return best;
}

/** "puzzles" for "Puzzle", "sport" for "Sports": the same name, not a misspelling of it. */
function inflects(text: string, name: string): boolean {
  return [`${name}s`, `${name}es`].includes(text) || [`${text}s`, `${text}es`].includes(name);
}

/**
 * Whether a run of typed words misspells a facet's name: words the catalog uses are not
 * misspellings ("master" is no "Aster Interactive"), nor is a word closer to another catalog
 * word than to the name ("nightare" is "nightmare", not "Nightjar Games").
 */
function misspells(
  text: string,
  textTrigrams: () => Set<string>,
  name: Name,
  index: VocabularyIndex,
): boolean {
  if (Math.abs(text.length - name.text.length) > 3) return false;
  const words = text.split(' ');
  if (words.every((w) => isKnown(w, index))) return false;
  const allowed = allowedEdits(name.text.length);
  const edits = editDistance(text, name.text, allowed);
  if (edits > allowed && trigramSimilarity(textTrigrams(), name.trigrams) < 0.6) return false;
  if (words.length > 1) return true;
  const closest = closestMatch(text, index);
  return !closest || closest.edits >= edits;
}

type Span = { start: number; length: number; name: Name; exact: boolean };

/** The facet names in the words, longest and exact first, each word used once. */
function namedFacets(words: string[], index: VocabularyIndex): Span[] {
  const found: Span[] = [];
  for (let length = 1; length <= Math.min(index.longestName, words.length); length++) {
    for (let start = 0; start + length <= words.length; start++) {
      const text = words.slice(start, start + length).join(' ');
      for (const name of index.exactNames.get(text) ?? [])
        found.push({ start, length, name, exact: true });
      let textTrigrams: Set<string> | undefined;
      const lazyTrigrams = () => (textTrigrams ??= trigrams(text));
      for (const name of index.fuzzyNames.get(length) ?? []) {
        if (name.text === text) continue;
        if (inflects(text, name.text)) found.push({ start, length, name, exact: true });
        else if (misspells(text, lazyTrigrams, name, index))
          found.push({ start, length, name, exact: false });
      }
    }
  }
  found.sort((a, b) => b.length - a.length || Number(b.exact) - Number(a.exact));
  const taken = new Array<boolean>(words.length).fill(false);
  const spans: Span[] = [];
  for (const span of found) {
    const covered = taken.slice(span.start, span.start + span.length);
    if (covered.some(Boolean)) continue;
    covered.forEach((_, i) => (taken[span.start + i] = true));
    spans.push(span);
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Reads a search string against the vocabulary: facets named, words left, misspellings fixed. */
export function planSearch(q: string, vocabulary: SearchVocabulary): SearchPlan {
  const index = vocabularyIndex(vocabulary);
  const words = wordsOf(q);
  const spans = namedFacets(words, index);
  const facets: Record<FacetKind, Set<string>> = {
    genre: new Set(),
    platform: new Set(),
    studio: new Set(),
  };
  for (const span of spans) facets[span.name.kind].add(span.name.value);

  // Each word as the corrected query spells it: a facet misspelling becomes the facet's name,
  // a misspelt word its closest catalog word, an unknown word null (kept in `corrected`,
  // dropped from the proposal).
  const spelled: (string | null)[] = [...words];
  const inFacet = new Array<boolean>(words.length).fill(false);
  let replaced = false;
  for (const span of spans) {
    for (let i = span.start; i < span.start + span.length; i++) inFacet[i] = true;
    if (!span.exact) {
      spelled.fill('', span.start, span.start + span.length);
      spelled[span.start] = wordsOf(span.name.value).join(' ');
      replaced = true;
    }
  }
  words.forEach((word, i) => {
    if (inFacet[i] || word.length < 4 || /\d/.test(word) || isKnown(word, index)) return;
    // The last word may be half typed: "starlit cov" is on its way to "cove", not misspelt.
    if (i === words.length - 1 && index.knownWords.some((k) => k.startsWith(word))) return;
    const closest = closestWord(word, index);
    spelled[i] = closest;
    if (closest) replaced = true;
  });

  const join = (parts: (string | null)[]) => parts.filter((p) => p).join(' ') || null;
  const restAt = spans.length
    ? words.map((_, i) => i).filter((i) => !inFacet[i] && !FILLER.has(words[i]!))
    : [];
  const rest = join(restAt.map((i) => words[i]!));
  const restCorrected = join(restAt.map((i) => spelled[i] ?? words[i]!));
  return {
    q: q.trim(),
    corrected: replaced ? join(spelled.map((s, i) => s ?? words[i]!)) : null,
    genres: [...facets.genre],
    platforms: [...facets.platform],
    studios: [...facets.studio],
    rest,
    restCorrected: restCorrected !== rest ? restCorrected : null,
    proposal: join(spelled),
  };
}

/** Below this trigram similarity to the whole query, no title is proposed (pg_trgm's default). */
const SIMILAR_TITLE = 0.3;

/**
 * What to propose beside the results of a search that found `total` games: the corrected words
 * when a word was misspelt (their games are among the results); when nothing matched, the words
 * that stand a chance (unknown ones dropped), else the closest title. Null when nothing fits.
 */
export function didYouMean(
  plan: SearchPlan,
  total: number,
  vocabulary: SearchVocabulary,
): string | null {
  const typed = wordsOf(plan.q).join(' ');
  if (total > 0) return plan.corrected;
  if (plan.proposal && plan.proposal !== typed && plan.proposal !== plan.corrected)
    return plan.proposal;
  const q = trigrams(plan.q);
  let best: { title: string; similarity: number } | null = null;
  for (const title of vocabularyIndex(vocabulary).titles) {
    const similarity = trigramSimilarity(q, title.trigrams);
    if (similarity >= SIMILAR_TITLE && (!best || similarity > best.similarity))
      best = { title: title.title, similarity };
  }
  return best && best.title.toLowerCase() !== plan.q.toLowerCase() ? best.title : null;
}
