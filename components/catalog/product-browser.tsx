'use client';

import { useState } from 'react';
import Link from 'next/link';
import { SlidersHorizontal, SearchX } from 'lucide-react';
import { Alert, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { PageLinks } from '@/components/ui/pagination';
import { ProductGrid } from '@/components/product/product-grid';
import { ProductGridSkeleton } from '@/components/product/product-card-skeleton';
import { effectiveSort, hasFilters } from '@/lib/catalog/query';
import { CatalogFilters } from './catalog-filters';
import { SortSelect } from './sort-select';
import { useCatalogQuery, type FixedFilters } from './use-catalog-query';

type ProductBrowserProps = {
  /** Search mode titles the page with the shopper's words and ranks by relevance. */
  mode?: 'browse' | 'search';
  fixed?: FixedFilters;
};

const NO_FIXED: FixedFilters = {};

/** "Did you mean …?": the catalog's spelling of misspelt words, or words that would find games. */
function DidYouMean({ proposal, href }: { proposal: string; href: string }) {
  return (
    <p className="text-muted-foreground" data-testid="did-you-mean">
      Did you mean{' '}
      <Link href={href} className="font-semibold text-neon underline-offset-4 hover:underline">
        “{proposal}”
      </Link>
      ?
    </p>
  );
}

function SearchHeading({ q }: { q: string | undefined }) {
  return (
    <h1 className="text-2xl font-extrabold tracking-tight sm:text-3xl">
      {q ? <>Results for “{q}”</> : 'Search the catalog'}
    </h1>
  );
}

/** Filters, sort, results and pagination of a catalog listing, all driven by the URL. */
export function ProductBrowser({ mode = 'browse', fixed = NO_FIXED }: ProductBrowserProps) {
  const { query, result, hrefWith, update } = useCatalogQuery(fixed);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const { data, isPending, isError, isPlaceholderData, refetch } = result;
  const sort = effectiveSort(query);
  const searching = mode === 'search';
  const filtered = hasFilters(query);
  const clearHref = hrefWith({
    genre: undefined,
    platform: undefined,
    minPrice: undefined,
    maxPrice: undefined,
    inStock: undefined,
  });

  if (searching && !query.q) {
    return (
      <div className="flex flex-col gap-4">
        <SearchHeading q={undefined} />
        <p className="text-muted-foreground">
          Type a title, a genre or a studio in the search box above, or{' '}
          <Link
            href="/products"
            className="font-semibold text-neon underline-offset-4 hover:underline"
          >
            browse every game
          </Link>
          .
        </p>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      {searching && <SearchHeading q={query.q} />}
      {query.q && data?.didYouMean && (
        <DidYouMean proposal={data.didYouMean} href={hrefWith({ q: data.didYouMean })} />
      )}
      <div className="grid gap-6 lg:grid-cols-[15rem_1fr] lg:gap-8">
        <aside aria-label="Filters" className="lg:sticky lg:top-24 lg:self-start">
          <Button
            type="button"
            variant="outline"
            className="w-full lg:hidden"
            aria-expanded={filtersOpen}
            aria-controls="catalog-filter-panel"
            onClick={() => setFiltersOpen((open) => !open)}
          >
            <SlidersHorizontal aria-hidden="true" />
            {filtersOpen ? 'Hide filters' : 'Show filters'}
          </Button>
          <div
            id="catalog-filter-panel"
            className={cn('mt-4 lg:mt-0 lg:block', filtersOpen ? 'block' : 'hidden')}
          >
            <CatalogFilters
              query={query}
              facets={data?.facets}
              onChange={update}
              clearHref={clearHref}
            />
          </div>
        </aside>

        <section aria-labelledby="catalog-results-heading" className="flex min-w-0 flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="catalog-results-heading" className="sr-only">
              Games
            </h2>
            <p role="status" className="text-sm text-muted-foreground" data-testid="result-count">
              {data
                ? `${data.total.toLocaleString('en-US')} ${data.total === 1 ? 'game' : 'games'}`
                : 'Loading games…'}
            </p>
            <SortSelect
              value={sort}
              allowRelevance={Boolean(query.q)}
              onChange={(next) => update({ sort: next })}
            />
          </div>

          {isError && !data ? (
            <Alert variant="destructive">
              <AlertTitle>We could not load the games.</AlertTitle>
              <div className="col-start-2 mt-2">
                <Button variant="outline" size="sm" onClick={() => void refetch()}>
                  Try again
                </Button>
              </div>
            </Alert>
          ) : isPending || !data ? (
            <ProductGridSkeleton count={query.pageSize > 10 ? 10 : query.pageSize} />
          ) : (
            <div
              aria-busy={isPlaceholderData}
              className={cn('transition-opacity', isPlaceholderData && 'opacity-60')}
            >
              <ProductGrid
                products={data.items}
                stockIsLive
                aria-label={searching ? 'Search results' : 'Games'}
                empty={
                  <div
                    className="flex flex-col items-center gap-3 rounded-lg border border-dashed px-6 py-16 text-center"
                    data-testid="catalog-empty"
                  >
                    <SearchX className="size-10 text-muted-foreground" aria-hidden="true" />
                    <p className="text-lg font-semibold">
                      {data.total > 0
                        ? 'This page is past the last result.'
                        : searching && !filtered
                          ? `No games match “${query.q}”.`
                          : 'No games match these filters.'}
                    </p>
                    <Link
                      href={
                        data.total > 0 ? hrefWith({ page: 1 }) : filtered ? clearHref : '/products'
                      }
                      className="text-sm font-semibold text-neon underline-offset-4 hover:underline"
                    >
                      {data.total > 0
                        ? 'Go to the first page'
                        : filtered
                          ? 'Clear the filters'
                          : 'Browse every game'}
                    </Link>
                  </div>
                }
              />
            </div>
          )}

          {data && (
            <PageLinks
              className="mt-4"
              page={query.page}
              totalPages={data.pageCount}
              hrefFor={(page) => hrefWith({ page })}
            />
          )}
        </section>
      </div>
    </div>
  );
}
