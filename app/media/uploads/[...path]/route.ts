import { getStorage, IMAGE_TYPES, keyFromSegments } from '@/lib/storage';

// Uploaded files are served as inert images: never sniffed into HTML, never able to run script.
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'public, max-age=60',
      ...SECURITY_HEADERS,
    },
  });
}

/**
 * GET /media/uploads/<key>: keys carry a random id and are never rewritten, so a year of caching
 * is safe; an unsafe path (traversal, hidden file) is a plain 404, like a missing one.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  const { path } = await params;
  const key = keyFromSegments(path ?? []);
  if (!key) return notFound();
  const object = await getStorage().get(key);
  if (!object || !(object.contentType in IMAGE_TYPES)) return notFound();
  return new Response(object.body as BodyInit, {
    headers: {
      'content-type': object.contentType,
      'content-length': String(object.size),
      'cache-control': 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    },
  });
}
