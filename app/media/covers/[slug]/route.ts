import { coverSvg, isCoverSlug, titleFromSlug } from '@/lib/media/cover';

// An SVG opened directly is a document that could run script: this policy allows drawing only.
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

/** GET /media/covers/<slug>.svg: the cover is a pure function of the slug, so it never changes. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ slug: string }> },
): Promise<Response> {
  const { slug: segment } = await params;
  const slug = segment.endsWith('.svg') ? segment.slice(0, -'.svg'.length) : segment;
  if (!isCoverSlug(slug)) {
    return new Response('Not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
    });
  }
  return new Response(coverSvg({ slug, title: titleFromSlug(slug) }), {
    headers: {
      'content-type': 'image/svg+xml',
      'cache-control': 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    },
  });
}
