import { json, route } from '@/lib/api/handler';
import { PRIVATE_NO_STORE } from '@/lib/auth';
import { importKeys, readImportBody } from '@/lib/vault';

/**
 * POST text/plain (one key a line) or text/csv (a `key` column, or a single column): imports the
 * keys and answers with the report, 201 when keys were written, 200 when none were. 415 for any
 * other body type, 413 past 10,000 lines or 1 MB, 404/409 for an unknown or non-key edition.
 */
export const POST = route<{ id: string }>({ auth: 'admin' }, async ({ req, params, actor }) => {
  const { body, contentType } = await readImportBody(req);
  const report = await importKeys({ editionId: params.id, body, contentType, actor });
  return json(report, { status: report.imported > 0 ? 201 : 200, headers: PRIVATE_NO_STORE });
});
