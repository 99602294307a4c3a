/**
 * Rebuilds every leaderboard in Redis from Postgres (orders, product_views, products), e.g.
 * after Redis lost its data or the board rules changed.
 *   npm run leaderboards:rebuild
 */
import { closeDb } from '../db/client';
import { closeKv } from '../lib/kv';
import { flushViews, rebuildLeaderboards } from '../lib/leaderboards';

async function main() {
  await flushViews();
  const started = Date.now();
  const report = await rebuildLeaderboards();
  console.log(
    `leaderboards rebuilt in ${Date.now() - started} ms: ${report.topSellers} top sellers, ` +
      `${report.salesDays} days of sales, ${report.mostViewed} viewed games, ${report.topRatedGenres} genre boards`,
  );
}

main()
  .catch((err: unknown) => {
    console.error('leaderboard rebuild failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  })
  // An open Redis connection would keep the script from ending.
  .finally(() => Promise.all([closeDb(), closeKv()]));
