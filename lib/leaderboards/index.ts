import 'server-only';

export { countView, recordView, flushViews, pendingViews } from './views';
export { recordSale } from './sales';
export { enqueueRefundedSales, unrecordRefundedSales } from './refunds';
export { rebuildLeaderboards, ensureLeaderboardsBuilt, type RebuildReport } from './rebuild';
export { leaderboard, readBoard, boardNames, FIXED_BOARDS, MAX_BOARD_LIMIT } from './boards';
export { genreKey } from './keys';
