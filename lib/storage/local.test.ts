import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSafeKey, keyFromSegments } from './keys';
import { LocalDiskStorage } from './local';

let root: string;
let storage: LocalDiskStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'arcade-storage-'));
  storage = new LocalDiskStorage(path.join(root, 'uploads'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('LocalDiskStorage', () => {
  it('stores, reads back with its content type, and deletes an object', async () => {
    const body = new Uint8Array([1, 2, 3, 4]);
    await storage.put('products/p1/a.png', body, 'image/png');
    expect(await storage.get('products/p1/a.png')).toEqual({
      body,
      contentType: 'image/png',
      size: 4,
    });
    await storage.delete('products/p1/a.png');
    expect(await storage.get('products/p1/a.png')).toBeNull();
  });

  it('answers null for a key that was never stored and never serves its metadata files', async () => {
    await storage.put('x/b.png', new Uint8Array([9]), 'image/png');
    expect(await storage.get('x/missing.png')).toBeNull();
    expect(await storage.get('x/b.png.type')).toBeNull();
    expect(await storage.get('x')).toBeNull();
  });

  it('refuses keys that would leave its root, and writes nothing outside it', async () => {
    for (const key of [
      '../escape.png',
      'a/../../escape.png',
      '/etc/passwd',
      'a\\..\\b.png',
      '.hidden',
      'a//b',
      '',
    ]) {
      await expect(storage.put(key, new Uint8Array([1]), 'image/png'), key).rejects.toThrow(
        /unsafe storage key/,
      );
      expect(await storage.get(key), key).toBeNull();
    }
    expect((await readdir(root)).sort()).toEqual(['uploads']);
  });
});

describe('storage keys', () => {
  it('accepts plain relative paths and rejects traversal, encodings and hidden files', () => {
    expect(isSafeKey('products/0b6e/4f1a.webp')).toBe(true);
    for (const bad of [
      '..',
      '../a',
      'a/..',
      'a/./b',
      '%2e%2e/a',
      'a/.env',
      'a b',
      'a\u0000b',
      'a'.repeat(600),
    ]) {
      expect(isSafeKey(bad), bad).toBe(false);
    }
    expect(keyFromSegments(['products', 'p', 'a.png'])).toBe('products/p/a.png');
    expect(keyFromSegments(['..', 'etc', 'passwd'])).toBeNull();
    expect(keyFromSegments([])).toBeNull();
  });
});
