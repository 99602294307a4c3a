import { describe, expect, it } from 'vitest';
import { GET } from './route';

function get(segment: string): Promise<Response> {
  return GET(new Request(`http://localhost/media/covers/${encodeURIComponent(segment)}`), {
    params: Promise.resolve({ slug: segment }),
  });
}

describe('GET /media/covers/<slug>.svg', () => {
  it('serves the cover drawn from the slug, with the title spelled out', async () => {
    const res = await get('star-forge-tactics-ii.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const body = await res.text();
    expect(body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(body).toContain('aria-label="Star Forge Tactics II"');
  });

  it('lets browsers and CDNs keep a cover forever, since a slug always draws the same one', async () => {
    const first = await get('the-last-lantern.svg');
    const second = await get('the-last-lantern.svg');
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await second.text()).toBe(await first.text());
  });

  it('forbids script and sniffing, so an SVG opened on its own cannot run code', async () => {
    const res = await get('neon-drift.svg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
  });

  it('answers 404 for anything that is not a slug', async () => {
    for (const segment of [
      'Neon-Drift.svg',
      '..%2Fsecrets.svg',
      '../secrets.svg',
      'a b.svg',
      '.svg',
      `${'a'.repeat(121)}.svg`,
      'neon_drift.svg',
    ]) {
      const res = await get(segment);
      expect(res.status, segment).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/plain');
    }
  });

  it('also answers the slug without its .svg suffix', async () => {
    const res = await get('neon-drift');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('aria-label="Neon Drift"');
  });
});
