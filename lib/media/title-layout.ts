/**
 * Fits a title into the text block of a cover. SVG has no text wrapping, so lines and size are
 * chosen here from an estimate of glyph widths; the estimate errs wide so text never overflows.
 */

export const TEXT_WIDTH = 504;
const TEXT_MAX_HEIGHT = 290;
const MAX_FONT_SIZE = 76;
const MIN_FONT_SIZE = 30;
/** Average advance of a bold sans-serif glyph, in em, with a little headroom. */
const GLYPH_WIDTH = 0.64;
export const LINE_HEIGHT = 1.08;

export type TitleLayout = { fontSize: number; lines: string[] };

// Characters XML 1.0 forbids outright: one of them would make the whole image unreadable.
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cleanTitle(title: string): string {
  const cleaned = title.replace(FORBIDDEN_IN_XML, '').replace(/\s+/g, ' ').trim();
  return cleaned || 'Untitled';
}

function wrap(words: string[], maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    // By code point, so an over-long word is never split inside an emoji or accented pair.
    const chars = Array.from(word);
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += maxChars)
      pieces.push(chars.slice(i, i + maxChars).join(''));
    for (const piece of pieces) {
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= maxChars) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

const maxCharsAt = (fontSize: number) => Math.floor(TEXT_WIDTH / (fontSize * GLYPH_WIDTH));
const maxLinesAt = (fontSize: number) => Math.floor(TEXT_MAX_HEIGHT / (fontSize * LINE_HEIGHT));

/** The largest size at which the whole title fits; very long titles are cut with an ellipsis. */
export function layoutTitle(title: string): TitleLayout {
  const words = cleanTitle(title).split(' ');
  for (let fontSize = MAX_FONT_SIZE; fontSize >= MIN_FONT_SIZE; fontSize -= 2) {
    const lines = wrap(words, maxCharsAt(fontSize));
    if (lines.length <= maxLinesAt(fontSize)) return { fontSize, lines };
  }
  const maxChars = maxCharsAt(MIN_FONT_SIZE);
  const lines = wrap(words, maxChars).slice(0, maxLinesAt(MIN_FONT_SIZE));
  const last = lines.length - 1;
  lines[last] = `${(lines[last] ?? '').slice(0, maxChars - 1).trimEnd()}…`;
  return { fontSize: MIN_FONT_SIZE, lines };
}
