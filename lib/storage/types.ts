/** A stored object as the media route serves it. */
export type StoredObject = { body: Uint8Array; contentType: string; size: number };

/**
 * Where uploaded media lives. Keys are relative, slash-separated paths made of safe segments
 * (see `isSafeKey`); a backend never sees anything else, so no key can leave its root.
 */
export interface Storage {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
}
