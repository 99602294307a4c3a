import { json, route } from '@/lib/api/handler';
import { dashboardStats } from '@/lib/admin';
import { PRIVATE_NO_STORE } from '@/lib/auth';

/** GET: the dashboard's numbers (revenue and orders per day, statuses, boards, low stock, cache, queue). */
export const GET = route({ auth: 'admin' }, async () => {
  return json(await dashboardStats(), { headers: PRIVATE_NO_STORE });
});
