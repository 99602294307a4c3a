/**
 * HTTP Range (RFC 9110 §14) for one file of `size` bytes, as download managers and resumed
 * browser downloads use it. Pure: no I/O, so every edge case is cheap to test.
 */

export type RangeAnswer =
  /** Serve the whole file with 200. */
  | { kind: 'whole' }
  /** Serve bytes start..end (inclusive) with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

const SPEC = /^(\d{0,15})-(\d{0,15})$/;

/**
 * Which part of the file to send for a `Range` header. Anything we do not understand (another
 * unit, bad syntax, last < first) is ignored and the whole file sent, as the RFC allows.
 * Several ranges (`bytes=0-9,20-29`) are answered with the whole file too: a multipart/byteranges
 * body buys clients little for a build, and a 200 is always a correct answer to a Range request.
 */
export function rangeOf(header: string | null, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(.+?)\s*$/i.exec(header);
  if (!match?.[1] || match[1].includes(',')) return { kind: 'whole' };
  const spec = SPEC.exec(match[1]);
  if (!spec) return { kind: 'whole' };
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return { kind: 'whole' };

  if (first === '') {
    // Suffix: the last n bytes; more than the file is the whole file, none is nothing.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', start, end };
}

/**
 * Whether a Range request may be honoured: `If-Range` names the copy the client already holds
 * half of. When the build has changed since, resuming would splice two builds together, so the
 * client gets the whole new file instead. Weak tags never match (RFC 9110 §13.1.5); a date must
 * equal Last-Modified to the second.
 */
export function ifRangeHolds(
  ifRange: string | null,
  current: { etag: string; lastModified: Date },
): boolean {
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"')) return value === current.etag;
  if (value.startsWith('W/')) return false;
  const date = Date.parse(value);
  return (
    Number.isFinite(date) &&
    Math.floor(date / 1000) === Math.floor(current.lastModified.getTime() / 1000)
  );
}
