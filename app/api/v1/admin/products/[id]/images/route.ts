import { json, route } from '@/lib/api/handler';
import { MAX_IMAGE_BYTES, uploadProductImage } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { DomainError, ValidationError } from '@/lib/errors';

// Room for the multipart framing and the alt text around the largest accepted image.
const MAX_BODY_BYTES = MAX_IMAGE_BYTES + 64 * 1024;

/**
 * POST multipart/form-data with `image` (PNG, JPEG or WebP, at most 5 MB) and optional `alt`.
 * The type comes from the file's bytes: 415 for anything else (SVG included), 413 when too large.
 */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw new DomainError('validation', 415, 'Send the image as multipart/form-data.');
  }
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    throw new DomainError('validation', 413, 'The image is larger than 5 MB.', {
      image: ['The image is larger than 5 MB.'],
    });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ValidationError('The upload could not be read.');
  }
  const file = form.get('image');
  if (!(file instanceof Blob))
    throw new ValidationError('Choose an image to upload.', {
      image: ['Choose an image to upload.'],
    });
  if (file.size > MAX_IMAGE_BYTES) {
    throw new DomainError('validation', 413, 'The image is larger than 5 MB.', {
      image: ['The image is larger than 5 MB.'],
    });
  }
  const alt = form.get('alt');
  const product = await uploadProductImage(actor, params.id, {
    bytes: new Uint8Array(await file.arrayBuffer()),
    alt: typeof alt === 'string' ? alt : undefined,
  });
  return json({ product }, { status: 201, headers: PRIVATE_NO_STORE });
});
