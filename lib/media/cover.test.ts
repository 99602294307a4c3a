import { describe, expect, it } from 'vitest';
import { coverPalette, coverSvg, coverUrl, isCoverSlug, titleFromSlug } from './cover';
import { layoutTitle } from './title-layout';

/** Checks that every tag opened is closed in order and that there is exactly one root element. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  let roots = 0;
  for (const [, closing, name, selfClosing] of svg.matchAll(
    /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g,
  )) {
    if (closing) {
      expect(stack.pop()).toBe(name);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name as string);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('coverSvg', () => {
  it('draws the same picture every time for the same slug and title', () => {
    const first = coverSvg({ slug: 'neon-drift-overclocked', title: 'Neon Drift: Overclocked' });
    const second = coverSvg({ slug: 'neon-drift-overclocked', title: 'Neon Drift: Overclocked' });
    expect(second).toBe(first);
  });

  it('is a well-formed 600×800 SVG document with the SVG namespace on its root', () => {
    const svg = coverSvg({ slug: 'the-last-lantern', title: 'The Last Lantern' });
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="600" height="800" viewBox="0 0 600 800"/,
    );
    expect(svg.endsWith('</svg>')).toBe(true);
    assertWellFormed(svg);
  });

  it('escapes <, & and " in titles so a title can never become markup', () => {
    const svg = coverSvg({ slug: 'evil', title: 'Tom & "Jerry" <script>alert(1)</script>' });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('"Jerry"');
    expect(svg).toContain('Tom &amp; &quot;Jerry&quot;');
    expect(svg).toContain('&lt;script&gt;');
    assertWellFormed(svg);
  });

  it('drops control characters that XML does not allow', () => {
    const svg = coverSvg({ slug: 'bell', title: 'Bell\u0007 Tower' });
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain('Bell Tower');
  });

  it('gives different slugs different palettes and different pictures', () => {
    const slugs = [
      'neon-drift',
      'the-last-lantern',
      'star-forge-tactics-ii',
      'echoes-of-varrow',
      'tiles',
      'grim-tide',
    ];
    const palettes = new Set(slugs.map((slug) => JSON.stringify(coverPalette(slug))));
    expect(palettes.size).toBe(slugs.length);
    const skies = new Set(slugs.map((slug) => coverPalette(slug).sky));
    expect(skies.size).toBe(slugs.length);
    const pictures = new Set(slugs.map((slug) => coverSvg({ slug, title: 'Same Title' })));
    expect(pictures.size).toBe(slugs.length);
  });

  it('paints its background with the palette of its slug', () => {
    const palette = coverPalette('kestrel-reach-rally');
    const svg = coverSvg({ slug: 'kestrel-reach-rally', title: 'Kestrel Reach Rally' });
    expect(svg).toContain(`stop-color="${palette.sky}"`);
    expect(svg).toContain(`stop-color="${palette.horizon}"`);
    expect(palette.sky).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('labels the image with its title for screen readers', () => {
    const svg = coverSvg({ slug: 'iron-saints', title: 'Iron Saints' });
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Iron Saints"');
    expect(svg).toContain('<title>Iron Saints</title>');
  });
});

describe('layoutTitle', () => {
  it('sets a short title large on few lines', () => {
    const { fontSize, lines } = layoutTitle('Tiles');
    expect(lines).toEqual(['Tiles']);
    expect(fontSize).toBeGreaterThanOrEqual(70);
  });

  it('wraps a long title over several lines without losing words', () => {
    const title = 'Ashgrove Origins: Into the Deep Complete Edition';
    const { lines } = layoutTitle(title);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(title);
  });

  it('cuts a title too long for the cover with an ellipsis', () => {
    const { fontSize, lines } = layoutTitle('word '.repeat(80));
    expect(fontSize).toBe(30);
    expect(lines.at(-1)?.endsWith('…')).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(9);
  });

  it('breaks a single word longer than a line', () => {
    const word = 'x'.repeat(60);
    const { lines } = layoutTitle(word);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(word);
  });
});

describe('cover slugs', () => {
  it('turns a slug back into a capitalised title, keeping sequel numerals upper case', () => {
    expect(titleFromSlug('star-forge-tactics-ii')).toBe('Star Forge Tactics II');
    expect(titleFromSlug('the-last-lantern')).toBe('The Last Lantern');
    expect(titleFromSlug('pitch-masters-2')).toBe('Pitch Masters 2');
    expect(titleFromSlug('neon--drift-')).toBe('Neon Drift');
  });

  it('accepts only lowercase letters, digits and dashes, up to 120 characters', () => {
    expect(isCoverSlug('neon-drift-2')).toBe(true);
    expect(isCoverSlug('a'.repeat(120))).toBe(true);
    expect(isCoverSlug('a'.repeat(121))).toBe(false);
    expect(isCoverSlug('')).toBe(false);
    expect(isCoverSlug('Neon-Drift')).toBe(false);
    expect(isCoverSlug('../secrets')).toBe(false);
    expect(isCoverSlug('neon drift')).toBe(false);
  });

  it('links a cover by slug under /media/covers', () => {
    expect(coverUrl('neon-drift')).toBe('/media/covers/neon-drift.svg');
  });
});
