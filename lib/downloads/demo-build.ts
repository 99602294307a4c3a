/**
 * The stand-in build the seed attaches to every download edition: a plain-text README followed
 * by deterministic filler, 128 KiB, so the same title always yields the same bytes (and sha256)
 * and Range requests have distinct bytes to land on. Pure: no database, no storage.
 */
export const DEMO_BUILD_BYTES = 128 * 1024;

export type DemoBuild = { fileName: string; body: Uint8Array; contentType: string };

export function demoBuildFor(title: string): DemoBuild {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'game';
  const readme = [
    `${title}: demo build`,
    '',
    'This is a stand-in for the game files of a DRM-free download edition in the Arcade demo',
    'shop. It contains no game: only this note and deterministic filler bytes, so that resumed',
    'and segmented downloads can be checked against the published sha256.',
    '',
    '--- filler ---',
    '',
  ].join('\n');
  let seed = fnv1a(title) || 1;
  const lines: string[] = [readme];
  let length = readme.length;
  for (let offset = 0; length < DEMO_BUILD_BYTES; offset++) {
    let words = '';
    for (let i = 0; i < 4; i++) {
      seed = xorshift32(seed);
      words += seed.toString(16).padStart(8, '0');
    }
    const line = `${offset.toString(16).padStart(6, '0')} ${words}\n`;
    lines.push(line);
    length += line.length;
  }
  // Cut in bytes (a title may be beyond ASCII); the filler at the cut is ASCII, so no character
  // is split, and the file ends on a newline.
  const body = new Uint8Array(DEMO_BUILD_BYTES);
  body.set(new TextEncoder().encode(lines.join('')).subarray(0, DEMO_BUILD_BYTES - 1));
  body[DEMO_BUILD_BYTES - 1] = 0x0a;
  return {
    fileName: `${slug}-demo-build.txt`,
    body,
    contentType: 'text/plain; charset=utf-8',
  };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function xorshift32(x: number): number {
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}
