import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { receiveBuild, storeEditionFile } from '@/lib/downloads';

/**
 * PUT: replaces the build of a download edition. Raw bytes (`application/octet-stream`, file name
 * in `?name=`) or multipart/form-data with a `file` field. 413 past MAX_BUILD_BYTES, 409 for an
 * edition delivered as a key or a box, 404 for an unknown edition.
 */
export const PUT = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const build = await receiveBuild(req);
  const file = await storeEditionFile(actor, { editionId: params.id, ...build });
  return json({ file }, { headers: PRIVATE_NO_STORE });
});
