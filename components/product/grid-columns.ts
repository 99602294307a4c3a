/** Shared by the grid and its skeleton so a loading page does not reflow when products arrive. */
export const productGridClassName =
  'grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4 xl:grid-cols-5';

/** Mirrors the column breakpoints above so browsers pick a sensibly sized cover. */
export const productCoverSizes =
  '(min-width: 1280px) 20vw, (min-width: 1024px) 25vw, (min-width: 640px) 33vw, 50vw';
