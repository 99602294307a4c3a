/**
 * String likeness for the search vocabulary, computed in the app: the vocabulary is small (a few
 * thousand words and names) and already in memory, so matching a query against it costs
 * microseconds here against a round trip in SQL.
 */

/** Lowercased words as pg_trgm and the search see them: runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Trigrams of a text the way pg_trgm makes them: per word, padded with two spaces before, one after. */
export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of wordsOf(text)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's `similarity()`: shared trigrams over all trigrams of both, 0..1. */
export function trigramSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) between two words, or `max + 1` once
 * it is certain to exceed `max`. Trigrams miss swapped letters ("dargon" shares 3 of 11 trigrams
 * with "dragon"); an edit count catches them.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  let prevPrev = new Int32Array(width);
  let prev = new Int32Array(width);
  let row = new Int32Array(width);
  for (let j = 0; j < width; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** How many edits a typed word of this length may carry and still count as a misspelling. */
export function allowedEdits(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/** Below this trigram similarity two words are not taken for one another (pg_trgm's default is 0.3). */
export const SIMILAR_WORDS = 0.4;

/**
 * How close a typed word is to a catalog word, or null when it is not a plausible misspelling:
 * within the allowed edits, or similar enough by trigrams. Fewer edits, then more shared trigrams,
 * rank closer.
 */
export function closeness(
  typed: string,
  typedTrigrams: Set<string>,
  known: string,
  knownTrigrams: Set<string>,
): { edits: number; similarity: number } | null {
  const max = allowedEdits(typed.length);
  const edits = editDistance(typed, known, Math.max(max, 2));
  const similarity = trigramSimilarity(typedTrigrams, knownTrigrams);
  if (edits <= max || similarity >= SIMILAR_WORDS) return { edits, similarity };
  return null;
}
