import 'server-only';
import { env } from '@/lib/config/env';
import { DomainError, ValidationError } from '@/lib/errors';
import { buildTooLarge } from './files';

export type ReceivedBuild = { fileName: string; body: Uint8Array; contentType: string | null };

// Room for the multipart framing around the largest accepted build.
const MULTIPART_SLACK = 64 * 1024;

/**
 * Reads an upload without ever holding more than the cap: a declared Content-Length over it is
 * refused before reading, and a chunked body is cut off as soon as it passes it.
 */
async function readCapped(req: Request, cap: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > cap) throw buildTooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      throw buildTooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * The build in a PUT: either the raw bytes (`application/octet-stream`, name in `?name=`) as
 * curl and CI pipelines send them, or a multipart form's `file` field as a browser sends it.
 */
export async function receiveBuild(req: Request): Promise<ReceivedBuild> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  const nameParam = new URL(req.url).searchParams.get('name')?.trim() || null;
  const max = env().MAX_BUILD_BYTES;

  if (type.startsWith('application/octet-stream')) {
    if (!nameParam) {
      throw new ValidationError('Name the file: add ?name=<file name> to the URL.', {
        name: ['Name the file.'],
      });
    }
    return { fileName: nameParam, body: await readCapped(req, max), contentType: null };
  }

  if (type.startsWith('multipart/form-data')) {
    const raw = await readCapped(req, max + MULTIPART_SLACK);
    let form: FormData;
    try {
      form = await new Response(raw as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': req.headers.get('content-type')! },
      }).formData();
    } catch {
      throw new ValidationError('The upload could not be read.');
    }
    const file = form.get('file');
    if (!(file instanceof File)) {
      throw new ValidationError('Choose a file to upload.', { file: ['Choose a file to upload.'] });
    }
    if (file.size > max) throw buildTooLarge();
    return {
      fileName: nameParam ?? file.name,
      body: new Uint8Array(await file.arrayBuffer()),
      contentType: file.type || null,
    };
  }

  throw new DomainError(
    'validation',
    415,
    'Send the build as application/octet-stream (with ?name=) or as multipart/form-data (field "file").',
  );
}
