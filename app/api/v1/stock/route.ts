import { json, route } from '@/lib/api/handler';
import { availability } from '@/lib/catalog';

export const dynamic = 'force-dynamic';

/** Units left of up to 100 games (`?ids=<id>,<id>`), live: the stock island of cached pages. */
export const GET = route({ auth: 'none' }, async ({ req }) => {
  const stock = await availability(Object.fromEntries(req.nextUrl.searchParams));
  return json({ stock }, { headers: { 'cache-control': 'public, max-age=0, s-maxage=1' } });
});
