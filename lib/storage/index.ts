import 'server-only';
import { env } from '@/lib/config/env';
import { LocalDiskStorage } from './local';
import type { Storage } from './types';

export { LocalDiskStorage };
export { isSafeKey, keyFromSegments } from './keys';
export { sniffImage, IMAGE_TYPES, type SniffedImage, type ImageType } from './sniff';
export type { Storage, StoredObject } from './types';

const globalForStorage = globalThis as unknown as { __arcadeStorage?: Storage };

/**
 * The media store of this process: local disk under UPLOAD_DIR by default. Several instances
 * must share the directory (a volume) or swap in an object store behind the same interface.
 */
export function getStorage(): Storage {
  globalForStorage.__arcadeStorage ??= new LocalDiskStorage(env().UPLOAD_DIR);
  return globalForStorage.__arcadeStorage;
}

/** Replaces the store (tests, or a deployment wiring an object store at start-up). */
export function setStorage(storage: Storage | undefined): void {
  globalForStorage.__arcadeStorage = storage;
}

/** The public URL the media route serves a key at. */
export function mediaUrl(key: string): string {
  return `/media/uploads/${key}`;
}
