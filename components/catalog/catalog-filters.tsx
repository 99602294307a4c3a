'use client';

import { useId, type FormEvent } from 'react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import type { ProductQuery } from '@/lib/catalog/query';
import type { CatalogFacets } from '@/lib/catalog/types';

type CatalogFiltersProps = {
  query: ProductQuery;
  facets: CatalogFacets | undefined;
  onChange: (changes: Partial<ProductQuery>) => void;
  clearHref: string;
  /** Hides the genre filter on pages that already are one genre's listing. */
  showGenre?: boolean;
};

const selectClass =
  'h-10 w-full rounded-md border border-input bg-background/60 px-3 text-sm text-foreground outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40';

const toCents = (value: FormDataEntryValue | null): number | undefined => {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) return undefined;
  const amount = Number(text);
  return Number.isFinite(amount) && amount >= 0 ? Math.round(amount * 100) : undefined;
};

const toDollars = (cents: number | undefined) => (cents === undefined ? '' : String(cents / 100));

/** Genre, platform, price and stock filters; each change is a new URL, so Back undoes it. */
export function CatalogFilters({ query, facets, onChange, clearHref, showGenre = true }: CatalogFiltersProps) {
  const id = useId();
  const genres = facets?.genres ?? (query.genre ? [query.genre] : []);
  const platforms = facets?.platforms ?? (query.platform ? [query.platform] : []);

  const applyPrice = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    let minPrice = toCents(data.get('minPrice'));
    let maxPrice = toCents(data.get('maxPrice'));
    if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) [minPrice, maxPrice] = [maxPrice, minPrice];
    onChange({ minPrice, maxPrice });
  };

  const active = Boolean(query.genre || query.platform || query.minPrice !== undefined || query.maxPrice !== undefined || query.inStock);

  return (
    <div className="flex flex-col gap-5" data-testid="catalog-filters">
      {showGenre && (
        <div className="flex flex-col gap-1.5">
          <label htmlFor={`${id}-genre`} className="text-sm font-medium">
            Genre
          </label>
          <select
            id={`${id}-genre`}
            value={query.genre ?? ''}
            onChange={(e) => onChange({ genre: e.target.value || undefined })}
            className={selectClass}
          >
            <option value="">All genres</option>
            {genres.map((genre) => (
              <option key={genre} value={genre}>
                {genre}
              </option>
            ))}
          </select>
        </div>
      )}

      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-platform`} className="text-sm font-medium">
          Platform
        </label>
        <select
          id={`${id}-platform`}
          value={query.platform ?? ''}
          onChange={(e) => onChange({ platform: e.target.value || undefined })}
          className={selectClass}
        >
          <option value="">All platforms</option>
          {platforms.map((platform) => (
            <option key={platform} value={platform}>
              {platform}
            </option>
          ))}
        </select>
      </div>

      <form onSubmit={applyPrice} className="flex flex-col gap-1.5" aria-labelledby={`${id}-price`}>
        <p id={`${id}-price`} className="text-sm font-medium">
          Price (USD)
        </p>
        {/* Keyed on the URL's values so Back and Clear refill the boxes. */}
        <div key={`${query.minPrice}-${query.maxPrice}`} className="flex items-center gap-2">
          <label htmlFor={`${id}-min`} className="sr-only">
            Minimum price in dollars
          </label>
          <Input id={`${id}-min`} name="minPrice" type="number" min={0} step="0.01" inputMode="decimal" placeholder="Min" defaultValue={toDollars(query.minPrice)} />
          <span aria-hidden="true" className="text-muted-foreground">
            –
          </span>
          <label htmlFor={`${id}-max`} className="sr-only">
            Maximum price in dollars
          </label>
          <Input id={`${id}-max`} name="maxPrice" type="number" min={0} step="0.01" inputMode="decimal" placeholder="Max" defaultValue={toDollars(query.maxPrice)} />
        </div>
        <Button type="submit" variant="secondary" size="sm" className="mt-1 self-start">
          Apply price
        </Button>
      </form>

      <div className="flex items-center gap-2">
        <input
          id={`${id}-stock`}
          type="checkbox"
          checked={Boolean(query.inStock)}
          onChange={(e) => onChange({ inStock: e.target.checked || undefined })}
          className="size-4 accent-primary"
        />
        <label htmlFor={`${id}-stock`} className="text-sm">
          In stock only
        </label>
      </div>

      {active && (
        <Link href={clearHref} scroll={false} className="text-sm font-semibold text-neon underline-offset-4 hover:underline">
          Clear filters
        </Link>
      )}
    </div>
  );
}
