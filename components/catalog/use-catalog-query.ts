'use client';

import { useCallback, useMemo } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { parseProductQueryLeniently, toSearchParams, type ProductQuery } from '@/lib/catalog/query';
import type { CatalogFacets, ProductPage } from '@/lib/catalog/types';

export type ListingResponse = ProductPage & { facets: CatalogFacets };

/** Filters a page fixes (the category of /categories/[slug]) instead of reading them from the URL. */
export type FixedFilters = Partial<Pick<ProductQuery, 'category'>>;

async function fetchListing(params: string, signal: AbortSignal): Promise<ListingResponse> {
  const res = await fetch(`/api/v1/products?${params}`, {
    signal,
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`The catalog answered ${res.status}.`);
  return (await res.json()) as ListingResponse;
}

/**
 * The listing the URL describes. All state lives in the URL, so links share it and Back restores
 * it; the query is fetched from the cached JSON API, keeping the previous page on screen while
 * the next one loads.
 */
export function useCatalogQuery(fixed: FixedFilters = {}) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();

  const fromUrl = useMemo(
    () => parseProductQueryLeniently(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  const query = useMemo<ProductQuery>(() => ({ ...fromUrl, ...fixed }), [fromUrl, fixed]);
  const apiParams = toSearchParams(query).toString();

  const result = useQuery({
    queryKey: ['catalog', 'products', apiParams],
    queryFn: ({ signal }) => fetchListing(apiParams, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  /** The URL of this listing with `changes` applied; any change but paging starts at page 1. */
  const hrefWith = useCallback(
    (changes: Partial<ProductQuery>) => {
      const next: Partial<ProductQuery> = { ...fromUrl, page: 1, ...changes };
      for (const key of Object.keys(fixed) as (keyof FixedFilters)[]) delete next[key];
      const qs = toSearchParams(next).toString();
      return qs ? `${pathname}?${qs}` : pathname;
    },
    [fromUrl, fixed, pathname],
  );

  const update = useCallback(
    (changes: Partial<ProductQuery>) => router.push(hrefWith(changes), { scroll: false }),
    [router, hrefWith],
  );

  return { query, result, hrefWith, update };
}
