import fc from 'fast-check';

/*
 * Hostile values for the API fuzzer, as fast-check arbitraries. Pure: no app imports, so the
 * in-process test and the HTTP bench (bench/fuzz.ts) draw exactly the same requests from a seed.
 *
 * Values that would be expensive to keep in memory or to shrink (a 2 MB string, a 50,000-deep
 * array, an id that only exists at run time) are drawn as small tokens and expanded just before
 * the request is sent (materialize.ts): `{{huge:N:c}}`, `{{deep:N}}`, `{{many:N}}` (an array
 * of N items), `{{known:slot:i}}`.
 */

/** Characters a huge string is made of: plain, accented, astral, NUL, RTL override, lone surrogate. */
export const HUGE_CHARS = ['a', 'é', '🎮', '\u0000', '\u202e', '\ud800'] as const;

/** Slots of ids that exist at run time (filled by the runner from the database). */
export const SLOTS = [
  'product',
  'slug',
  'edition',
  'category',
  'image',
  'user',
  'order',
  'ownOrder',
  'libraryItem',
  'session',
  'ownSession',
  'board',
  'intent',
] as const;
export type Slot = (typeof SLOTS)[number];

export const known = (slot: Slot) => fc.nat({ max: 7 }).map((i) => `{{known:${slot}:${i}}}`);
export const huge = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.nat({ max: HUGE_CHARS.length - 1 }))
    .map(([n, c]) => `{{huge:${n}:${c}}}`);
export const deep = (min = 64, max = 50_000) =>
  fc.integer({ min, max }).map((n) => `{{deep:${n}}}`);

const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\ufeff',
  '🎮👾🕹️',
  '👩‍👩‍👧‍👦',
  '\ud800',
  '\udfff',
  'a\udc00b',
  'e\u0301\u0301\u0301',
  'Z̸̡̢̛̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇̈̉̊',
  '\r\n\t\u000b\u000c',
  '\u2028\u2029',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1f',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  "' or '1'='1",
  "'; drop table users; --",
  '"; select pg_sleep(5); --',
  '\\',
  '\\u0000',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '..%252f..%252f',
  '....//....//',
  '%2e%2e%2f',
  '/\\evil.example',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${process.env}',
  '__proto__',
  'constructor',
  '%',
  '%E0%A4%A',
  '%ff%fe',
  '🎮'.repeat(300),
  'A'.repeat(5000),
] as const;

/** Any string a hostile client might send, without the huge ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY), weight: 5 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  {
    // Lone surrogates, C0/C1 controls and bidi marks mixed into text.
    arbitrary: fc.string({
      unit: fc.oneof(
        fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
        fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
        fc.constantFrom('\u202e', '\u202d', '\u2066', '\u200b', '\u061c'),
      ),
      maxLength: 20,
    }),
    weight: 1,
  },
  { arbitrary: huge(1_000, 200_000), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`), weight: 1 },
);

/** A JSON value an object/array is not supposed to be, incl. prototype keys and operator objects. */
export const weirdJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0.000001,
    1e308,
    -1e308,
    2 ** 53 + 1,
    -(2 ** 63),
    [],
    {},
    [null],
    { $ne: null },
    { $gt: '' },
    JSON.parse('{"__proto__":{"isAdmin":true,"role":"admin"}}'),
    { constructor: { prototype: { polluted: true } } },
    { toString: 'x', valueOf: 1 },
  ),
  hostileString,
  deep(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Picks the known-id slot a field or parameter most likely refers to, from its name. */
export function slotFor(name: string, routePath = ''): Slot | undefined {
  const n = name.toLowerCase();
  if (n === 'slug') return 'slug';
  if (n === 'board') return 'board';
  if (n.includes('intent')) return 'intent';
  if (n.includes('edition')) return 'edition';
  if (n.includes('product')) return 'product';
  if (n.includes('categor')) return 'category';
  if (n.includes('image')) return 'image';
  if (n.includes('itemid')) return 'libraryItem';
  if (n.includes('order')) return 'order';
  if (n.includes('user')) return 'user';
  if (n === 'id') {
    const before = routePath.split('/{id}')[0]?.split('/').at(-1) ?? '';
    const bySegment: Record<string, Slot> = {
      products: 'product',
      editions: 'edition',
      categories: 'category',
      users: 'user',
      sessions: 'ownSession',
      images: 'image',
      orders: routePath.startsWith('/api/v1/admin/') ? 'order' : 'ownOrder',
    };
    return bySegment[before];
  }
  return undefined;
}

/** Raw, possibly malformed query-string fragments appended as-is. */
export const rawQuery = fc.constantFrom(
  '',
  '',
  '',
  '%',
  '%E0%A4%A',
  '%00=%00',
  '&&&',
  '=x',
  'a[b]=c',
  'page=1&page=2',
  'x=%ff%fe',
  '__proto__[admin]=1',
  'q=%u0000',
);

/** A header value as a client can send it: UTF-8 bytes read as Latin-1, no CR, LF or NUL. */
export function headerSafe(value: string, max = 8_192): string {
  let bytes = '';
  for (const ch of Buffer.from(value, 'utf8').toString('latin1')) {
    if (ch !== '\r' && ch !== '\n' && ch !== '\u0000') bytes += ch;
    if (bytes.length >= max) break;
  }
  return bytes;
}
