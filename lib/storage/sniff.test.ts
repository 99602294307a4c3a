import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('sniffImage', () => {
  it('recognises a PNG by its signature and reads its size from IHDR', () => {
    const png = bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13],
      'IHDR',
      [0, 0, 2, 88, 0, 0, 3, 32],
      [8, 6, 0, 0, 0],
    );
    expect(sniffImage(png)).toEqual({ type: 'image/png', ext: 'png', width: 600, height: 800 });
  });

  it('recognises a JPEG and reads its size from the start-of-frame segment', () => {
    const jpeg = bytes(
      [0xff, 0xd8],
      [0xff, 0xe0, 0, 4, 0, 0],
      [0xff, 0xc0, 0, 11, 8, 0x01, 0x2c, 0x00, 0xc8, 3, 0, 0, 0],
    );
    expect(sniffImage(jpeg)).toEqual({ type: 'image/jpeg', ext: 'jpg', width: 200, height: 300 });
  });

  it('recognises a lossless WebP and reads its size', () => {
    // VP8L: 14-bit width-1 and height-1 packed little-endian after the 0x2f signature byte.
    const w = 99,
      h = 49;
    const bits = w | (h << 14);
    const webp = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBP',
      'VP8L',
      [0, 0, 0, 0, 0x2f],
      [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff],
    );
    expect(sniffImage(webp)).toEqual({ type: 'image/webp', ext: 'webp', width: 100, height: 50 });
  });

  it('refuses SVG, HTML, GIF and empty input whatever they claim to be', () => {
    expect(
      sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull();
    expect(sniffImage(bytes('<?xml version="1.0"?><svg/>'))).toBeNull();
    expect(sniffImage(bytes('<!doctype html><html></html>'))).toBeNull();
    expect(sniffImage(bytes('GIF89a', [1, 0, 1, 0]))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });

  it('refuses a truncated PNG signature', () => {
    expect(sniffImage(bytes([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });
});
