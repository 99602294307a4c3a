import { createRandom, hashString, type Random } from './random';
import { layoutTitle, LINE_HEIGHT } from './title-layout';

export const COVER_WIDTH = 600;
export const COVER_HEIGHT = 800;

const COVER_SLUG = /^[a-z0-9-]{1,120}$/;
const ROMAN_NUMERAL = /^(?:i{1,3}|iv|vi{0,3}|ix|x)$/;
const FONT = "'Inter', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

/** Slugs the cover route answers for; anything else is a 404 before any work is done. */
export function isCoverSlug(value: string): boolean {
  return COVER_SLUG.test(value);
}

export function coverUrl(slug: string): string {
  return `/media/covers/${slug}.svg`;
}

/** A readable title recovered from a slug alone: "star-forge-ii" → "Star Forge II". */
export function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) =>
      ROMAN_NUMERAL.test(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type CoverPalette = {
  /** Top of the background gradient, always dark so white text reads. */
  sky: string;
  /** Bottom of the background gradient. */
  horizon: string;
  accent: string;
  highlight: string;
};

function hsl(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (n: number) => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const value = l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** Colour theory in miniature: a base hue plus a related one (analogous, triadic, complementary…). */
export function coverPalette(slug: string): CoverPalette {
  const hash = hashString(slug);
  const hue = hash % 360;
  const offset = [30, 150, 180, 210, 120, 60][(hash >>> 9) % 6] ?? 180;
  const partner = (hue + offset) % 360;
  const saturationShift = (hash >>> 13) % 16;
  const lightnessShift = (hash >>> 17) % 8;
  return {
    sky: hsl(hue, 55 + saturationShift, 10 + lightnessShift),
    horizon: hsl(partner, 55 + saturationShift, 30 + lightnessShift),
    accent: hsl(partner, 85, 58 + lightnessShift),
    highlight: hsl((hue + 330) % 360, 95, 70),
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

type Motif = (rng: Random, palette: CoverPalette, id: string) => string;

function stars(rng: Random, count: number, maxY: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const x = r1(rng.next() * COVER_WIDTH);
    const y = r1(rng.next() * maxY);
    const r = r1(0.6 + rng.next() * 1.6);
    out += `<circle cx="${x}" cy="${y}" r="${r}" fill="#fff" opacity="${r1(0.3 + rng.next() * 0.6)}"/>`;
  }
  return out;
}

const sunset: Motif = (rng, palette, id) => {
  const horizon = 470;
  const radius = rng.int(140, 190);
  const cy = horizon - rng.int(20, 90);
  let slits = '';
  for (let i = 0; i < 6; i++) {
    const y = cy + i * (radius / 7) + 10;
    slits += `<rect x="0" y="${r1(y)}" width="${COVER_WIDTH}" height="${r1(3 + i * 2.2)}" fill="#000"/>`;
  }
  let grid = '';
  for (let i = -8; i <= 8; i++) {
    grid += `<line x1="300" y1="${horizon}" x2="${300 + i * 110}" y2="${COVER_HEIGHT}"/>`;
  }
  for (let i = 1; i <= 8; i++) {
    const y = horizon + (COVER_HEIGHT - horizon) * (i / 8) ** 1.8;
    grid += `<line x1="0" y1="${r1(y)}" x2="${COVER_WIDTH}" y2="${r1(y)}"/>`;
  }
  return (
    stars(rng, 40, horizon - 40) +
    `<defs><linearGradient id="sun-${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${palette.highlight}"/><stop offset="1" stop-color="${palette.accent}"/></linearGradient>` +
    `<mask id="slits-${id}"><rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="#fff"/>${slits}</mask></defs>` +
    `<circle cx="300" cy="${cy}" r="${radius}" fill="url(#sun-${id})" mask="url(#slits-${id})"/>` +
    `<rect x="0" y="${horizon}" width="${COVER_WIDTH}" height="${COVER_HEIGHT - horizon}" fill="${palette.sky}" opacity="0.85"/>` +
    `<g stroke="${palette.accent}" stroke-width="2" opacity="0.55">${grid}</g>`
  );
};

const peaks: Motif = (rng, palette) => {
  let out = `<circle cx="${rng.int(120, 480)}" cy="${rng.int(140, 260)}" r="${rng.int(50, 90)}" fill="${palette.highlight}" opacity="0.9"/>`;
  out += stars(rng, 25, 300);
  const layers = 4;
  for (let layer = 0; layer < layers; layer++) {
    const base = 330 + layer * 90;
    const points: string[] = [`0,${COVER_HEIGHT}`];
    for (let x = 0; x <= COVER_WIDTH; x += rng.int(60, 110)) {
      points.push(`${x},${base - rng.int(20, 160 - layer * 25)}`);
    }
    points.push(`${COVER_WIDTH},${base - rng.int(20, 100)}`, `${COVER_WIDTH},${COVER_HEIGHT}`);
    const fill = layer % 2 === 0 ? palette.horizon : palette.accent;
    out += `<polygon points="${points.join(' ')}" fill="${fill}" opacity="${r1(0.35 + layer * 0.15)}"/>`;
  }
  return out;
};

const orbits: Motif = (rng, palette) => {
  const cx = rng.int(180, 420);
  const cy = rng.int(220, 360);
  let out = stars(rng, 70, COVER_HEIGHT);
  out += `<circle cx="${cx}" cy="${cy}" r="${rng.int(70, 110)}" fill="${palette.accent}"/>`;
  for (let ring = 0; ring < 4; ring++) {
    const rx = 150 + ring * 55;
    const ry = r1(rx * (0.25 + rng.next() * 0.2));
    const tilt = rng.int(-30, 30);
    const angle = rng.next() * Math.PI * 2;
    const px = r1(cx + rx * Math.cos(angle));
    const py = r1(cy + ry * Math.sin(angle));
    out +=
      `<g transform="rotate(${tilt} ${cx} ${cy})">` +
      `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="none" stroke="${palette.highlight}" stroke-width="${ring === 0 ? 4 : 2}" opacity="${r1(0.8 - ring * 0.15)}"/>` +
      `<circle cx="${px}" cy="${py}" r="${rng.int(6, 16)}" fill="${palette.highlight}"/></g>`;
  }
  return out;
};

const shards: Motif = (rng, palette) => {
  let out = '';
  const colours = [palette.accent, palette.highlight, palette.horizon];
  for (let i = 0; i < 18; i++) {
    const x = rng.int(-60, COVER_WIDTH + 60);
    const y = rng.int(-60, 560);
    const size = rng.int(60, 220);
    const a = rng.next() * Math.PI * 2;
    const corner = (turn: number) =>
      `${r1(x + size * Math.cos(a + turn))},${r1(y + size * Math.sin(a + turn))}`;
    out += `<polygon points="${corner(0)} ${corner(2.2 + rng.next())} ${corner(4.2 + rng.next())}" fill="${rng.pick(colours)}" opacity="${r1(0.15 + rng.next() * 0.5)}"/>`;
  }
  return out;
};

const stripes: Motif = (rng, palette) => {
  let bands = '';
  for (let x = -400; x < 1000; x += rng.int(50, 120)) {
    const fill = rng.chance(0.5) ? palette.accent : palette.highlight;
    bands += `<rect x="${x}" y="-300" width="${rng.int(12, 48)}" height="1400" fill="${fill}" opacity="${r1(0.2 + rng.next() * 0.6)}"/>`;
  }
  const cx = rng.int(150, 450);
  return (
    `<g transform="rotate(${rng.int(-35, 35)} 300 400)">${bands}</g>` +
    `<circle cx="${cx}" cy="${rng.int(200, 330)}" r="${rng.int(90, 150)}" fill="none" stroke="#fff" stroke-width="10" opacity="0.75"/>`
  );
};

const halftone: Motif = (rng, palette) => {
  const fx = rng.int(100, 500);
  const fy = rng.int(150, 400);
  let dots = '';
  for (let y = 20; y < 620; y += 28) {
    for (let x = 20; x < COVER_WIDTH; x += 28) {
      const distance = Math.hypot(x - fx, y - fy);
      const r = r1(Math.max(0, 11 - distance / 38));
      if (r > 0.5) dots += `<circle cx="${x}" cy="${y}" r="${r}"/>`;
    }
  }
  return (
    `<g fill="${palette.accent}" opacity="0.8">${dots}</g>` +
    `<rect x="${rng.int(40, 300)}" y="${rng.int(60, 300)}" width="${rng.int(120, 240)}" height="${rng.int(120, 240)}" fill="none" stroke="${palette.highlight}" stroke-width="8" transform="rotate(${rng.int(-20, 20)} 300 300)"/>`
  );
};

const MOTIFS: readonly Motif[] = [sunset, peaks, orbits, shards, stripes, halftone];

/**
 * A 600×800 cover for a game, drawn from its slug alone so any instance can serve it without
 * storage: the same slug always gives the same picture.
 */
export function coverSvg({ slug, title }: { slug: string; title: string }): string {
  const hash = hashString(slug);
  const id = hash.toString(36);
  const rng = createRandom(hash ^ 0x9e3779b9);
  const palette = coverPalette(slug);
  const motif = MOTIFS[hash % MOTIFS.length] ?? sunset;
  const art = motif(rng, palette, id);

  const { fontSize, lines } = layoutTitle(title);
  const step = fontSize * LINE_HEIGHT;
  const lastBaseline = 740;
  const firstBaseline = lastBaseline - (lines.length - 1) * step;
  const text = lines
    .map(
      (line, i) =>
        `<text x="48" y="${r1(firstBaseline + i * step)}" font-size="${fontSize}">${escapeXml(line)}</text>`,
    )
    .join('');
  const label = escapeXml(lines.join(' '));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}" role="img" aria-label="${label}">` +
    `<title>${label}</title>` +
    `<defs><linearGradient id="bg-${id}" x1="0" y1="0" x2="0.35" y2="1"><stop offset="0" stop-color="${palette.sky}"/><stop offset="1" stop-color="${palette.horizon}"/></linearGradient>` +
    `<linearGradient id="shade-${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0.45" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.78"/></linearGradient></defs>` +
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="url(#bg-${id})"/>` +
    art +
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="url(#shade-${id})"/>` +
    `<rect x="48" y="${r1(firstBaseline - fontSize - 26)}" width="72" height="6" rx="3" fill="${palette.accent}"/>` +
    `<g font-family="${FONT}" font-weight="800" fill="#fff" letter-spacing="-0.5">${text}</g>` +
    `<rect x="16" y="16" width="568" height="768" rx="8" fill="none" stroke="#fff" stroke-opacity="0.18" stroke-width="2"/>` +
    `</svg>`
  );
}
