import 'server-only';
import { importFormatOf, MAX_IMPORT_BYTES, tooLargeError } from './parse';

/**
 * The body of a key import request: text/plain or text/csv only (415 otherwise, checked before
 * a byte is read), and never more than the import limit in memory, whatever Content-Length
 * claims (413).
 */
export async function readImportBody(req: Request): Promise<{ body: string; contentType: string }> {
  const contentType = req.headers.get('content-type') ?? '';
  importFormatOf(contentType);
  if (Number(req.headers.get('content-length') ?? 0) > MAX_IMPORT_BYTES) throw tooLargeError();
  if (!req.body) return { body: '', contentType };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_IMPORT_BYTES) {
      await reader.cancel();
      throw tooLargeError();
    }
    chunks.push(value);
  }
  return { body: Buffer.concat(chunks).toString('utf8'), contentType };
}
