import 'server-only';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isSafeKey } from './keys';
import type { Storage, StoredObject } from './types';

const TYPE_SUFFIX = '.type';

/**
 * Files under one root directory. The content type is kept beside each file so the media route
 * never guesses it from a name. Writes go to a temporary file first, so a reader never sees half
 * an image.
 */
export class LocalDiskStorage implements Storage {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Resolves a key under the root, refusing anything that would land outside it. */
  private pathOf(key: string): string {
    if (!isSafeKey(key)) throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
    const full = path.resolve(this.root, ...key.split('/'));
    if (!full.startsWith(this.root + path.sep))
      throw new Error(`storage key escapes the root: ${key}`);
    return full;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, body);
    await writeFile(file + TYPE_SUFFIX, contentType);
    await rename(tmp, file);
  }

  async get(key: string): Promise<StoredObject | null> {
    if (!isSafeKey(key) || key.endsWith(TYPE_SUFFIX) || key.endsWith('.tmp')) return null;
    const file = this.pathOf(key);
    try {
      const [body, contentType] = await Promise.all([
        readFile(file),
        readFile(file + TYPE_SUFFIX, 'utf8'),
      ]);
      return { body: new Uint8Array(body), contentType: contentType.trim(), size: body.byteLength };
    } catch (err) {
      if (
        (err as NodeJS.ErrnoException).code === 'ENOENT' ||
        (err as NodeJS.ErrnoException).code === 'EISDIR'
      )
        return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await Promise.all([rm(file, { force: true }), rm(file + TYPE_SUFFIX, { force: true })]);
  }
}
