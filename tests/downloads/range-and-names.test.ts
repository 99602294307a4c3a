import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_BUILD_BYTES, demoBuildFor } from '@/lib/downloads/demo-build';
import { buildContentType, contentDisposition, safeFileName } from '@/lib/downloads/names';
import { ifRangeHolds, rangeOf } from '@/lib/downloads/range';
import { isSafeKey } from '@/lib/storage/keys';

describe('Range headers', () => {
  const size = 1000;

  it('answer a single range with the bytes asked for, clamped to the file', () => {
    expect(rangeOf('bytes=0-99', size)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(rangeOf('bytes=500-', size)).toEqual({ kind: 'partial', start: 500, end: 999 });
    expect(rangeOf('bytes=-100', size)).toEqual({ kind: 'partial', start: 900, end: 999 });
    expect(rangeOf('bytes=990-5000', size)).toEqual({ kind: 'partial', start: 990, end: 999 });
    expect(rangeOf('bytes=-5000', size)).toEqual({ kind: 'partial', start: 0, end: 999 });
    expect(rangeOf('Bytes = 7-7', size)).toEqual({ kind: 'partial', start: 7, end: 7 });
  });

  it('are unsatisfiable when they start past the end or ask for no bytes', () => {
    expect(rangeOf('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=1000-2000', size)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(rangeOf('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('are ignored (whole file) when absent, malformed, in another unit, backwards or several', () => {
    for (const header of [
      null,
      '',
      'bytes=',
      'bytes=-',
      'items=0-5',
      'bytes=abc',
      'bytes=5-2',
      'bytes=0-1,5-6',
      'bytes=1-2-3',
    ]) {
      expect(rangeOf(header, size), String(header)).toEqual({ kind: 'whole' });
    }
  });

  it('honour If-Range only for the same strong ETag or the exact Last-Modified second', () => {
    const current = { etag: '"abc"', lastModified: new Date('2025-01-01T10:00:00.500Z') };
    expect(ifRangeHolds(null, current)).toBe(true);
    expect(ifRangeHolds('"abc"', current)).toBe(true);
    expect(ifRangeHolds('"old"', current)).toBe(false);
    expect(ifRangeHolds('W/"abc"', current)).toBe(false);
    expect(ifRangeHolds('Wed, 01 Jan 2025 10:00:00 GMT', current)).toBe(true);
    expect(ifRangeHolds('Wed, 01 Jan 2025 09:59:59 GMT', current)).toBe(false);
    expect(ifRangeHolds('garbage', current)).toBe(false);
  });
});

describe('build file names', () => {
  it('are safe as a storage key segment and as a download name', () => {
    for (const raw of [
      '../../etc/passwd',
      'C:\\games\\Setup.exe',
      '.env',
      'a"b;c\r\n.zip',
      'Pokémon Édition.zip',
      '...',
      '',
      'x'.repeat(300) + '.zip',
    ]) {
      const name = safeFileName(raw);
      expect(isSafeKey(`builds/e/${name}`), `${raw} → ${name}`).toBe(true);
      expect(name).not.toMatch(/["\\/\r\n;]/);
    }
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\games\\Setup.exe')).toBe('Setup.exe');
    expect(safeFileName('Pokémon Édition.zip')).toBe('Pokemon-Edition.zip');
    expect(safeFileName('...')).toBe('build.bin');
    expect(safeFileName('x'.repeat(300) + '.zip')).toMatch(/^x{96}\.zip$/);
  });

  it('are sent as an attachment', () => {
    expect(contentDisposition('My Game.zip')).toBe(
      `attachment; filename="My-Game.zip"; filename*=UTF-8''My-Game.zip`,
    );
  });

  it('give the content type when the uploader did not, and never a header-breaking one', () => {
    expect(buildContentType('game.zip')).toBe('application/zip');
    expect(buildContentType('game.zip', 'application/octet-stream')).toBe('application/zip');
    expect(buildContentType('game.bin')).toBe('application/octet-stream');
    expect(buildContentType('game.zip', 'application/x-zip-compressed')).toBe(
      'application/x-zip-compressed',
    );
    expect(buildContentType('game.zip', 'text/html\r\nset-cookie: a=b')).toBe('application/zip');
  });
});

describe('the demo build', () => {
  it('is the same bytes for the same title, different for another, 128 KiB of text', () => {
    const a = demoBuildFor('Starfall Tactics');
    const b = demoBuildFor('Starfall Tactics');
    const c = demoBuildFor('Neon Drift');
    expect(a.body.byteLength).toBe(DEMO_BUILD_BYTES);
    expect(DEMO_BUILD_BYTES).toBeGreaterThanOrEqual(64 * 1024);
    expect(sha(a.body)).toBe(sha(b.body));
    expect(sha(a.body)).not.toBe(sha(c.body));
    expect(a.fileName).toBe('starfall-tactics-demo-build.txt');
    expect(a.contentType).toBe('text/plain; charset=utf-8');
    const text = new TextDecoder().decode(a.body);
    expect(text.startsWith('Starfall Tactics: demo build\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('copes with titles beyond ASCII', () => {
    const build = demoBuildFor('Ōkami: 大神');
    expect(build.body.byteLength).toBe(DEMO_BUILD_BYTES);
    expect(build.fileName).toBe('okami-demo-build.txt');
  });
});

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
