import 'server-only';

export { recordView, flushViews, pendingViews, VIEW_FLUSH_MS } from './views';
export { recordSale } from './sales';
export { rebuildLeaderboards, ensureLeaderboardsBuilt, type RebuildReport } from './rebuild';
export { leaderboard, readBoard, resolveBoard, boardNames, FIXED_BOARDS, MAX_BOARD_LIMIT } from './boards';
export { genreKey } from './keys';
