/** One path segment: letters, digits, dot, dash, underscore; never "." or ".." or a leading dot. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const MAX_SEGMENTS = 8;

/**
 * Whether a storage key is safe to map onto a file system or an object store: no traversal
 * (`..`), no absolute paths, no backslashes, no encoded tricks, no hidden files.
 */
export function isSafeKey(key: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) return false;
  const segments = key.split('/');
  if (segments.length > MAX_SEGMENTS) return false;
  return segments.every((s) => SEGMENT.test(s) && !s.includes('..'));
}

/** A key from the URL segments of a request, or null when any segment is unsafe. */
export function keyFromSegments(segments: readonly string[]): string | null {
  const key = segments.join('/');
  return isSafeKey(key) ? key : null;
}
