import { z } from 'zod';
import { parseQuery, route } from '@/lib/api/handler';
import { catalogJson } from '@/lib/catalog/http';
import { leaderboard, MAX_BOARD_LIMIT } from '@/lib/leaderboards';

export const dynamic = 'force-dynamic';

const limitMessage = `Choose a limit from 1 to ${MAX_BOARD_LIMIT}.`;
const boardQuery = z.object({
  limit: z.coerce
    .number({ error: limitMessage })
    .int(limitMessage)
    .min(1, limitMessage)
    .max(MAX_BOARD_LIMIT, limitMessage)
    .default(10),
});

/** top-sellers, top-sellers-7d, most-viewed, top-rated-<genre>: ranked games with their scores. */
export const GET = route<{ board: string }>({ auth: 'none' }, async ({ req, params }) => {
  const { limit } = parseQuery(req, boardQuery);
  const entries = await leaderboard(params.board, limit);
  return catalogJson(entries, () => ({ board: params.board, entries }), { variant: params.board });
});
