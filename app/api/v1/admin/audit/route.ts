import { json, parseQuery, route } from '@/lib/api/handler';
import { auditQuerySchema, listAudit } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: the audit log newest first; filters `actor` (email or id), `entity`, `entityId`, `action`, `from`, `to`. */
export const GET = route({ auth: 'admin' }, async ({ req }) => {
  const query = parseQuery(req, auditQuerySchema);
  return json(await listAudit(query), { headers: PRIVATE_NO_STORE });
});
