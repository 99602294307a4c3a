import { parseQuery, route } from '@/lib/api/handler';
import { suggestQuerySchema, suggestSearch } from '@/lib/catalog';
import { catalogJson } from '@/lib/catalog/http';

export const dynamic = 'force-dynamic';

/** Suggestions for the words typed so far (`?q=`): a few titles, genres, platforms and studios. */
export const GET = route({ auth: 'none' }, async ({ req }) => {
  const suggestions = await suggestSearch(parseQuery(req, suggestQuerySchema));
  return catalogJson(suggestions, () => suggestions);
});
