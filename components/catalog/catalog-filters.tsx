'use client';

import { useId, type FormEvent, type ReactNode } from 'react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { hasFilters, type ProductQuery } from '@/lib/catalog/query';
import type { CatalogFacets } from '@/lib/catalog/types';

type CatalogFiltersProps = {
  query: ProductQuery;
  facets: CatalogFacets | undefined;
  onChange: (changes: Partial<ProductQuery>) => void;
  clearHref: string;
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

function FacetSelect(props: {
  id: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: string[];
  onChange: (value: string | undefined) => void;
  hint?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={props.id} className="text-sm font-medium">
        {props.label}
      </label>
      <select
        id={props.id}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || undefined)}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        className={selectClass}
      >
        <option value="">{props.allLabel}</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {props.hint && (
        <p id={`${props.id}-hint`} className="text-xs text-muted-foreground">
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** Genre, platform, price and stock filters; each change is a new URL, so Back undoes it. */
export function CatalogFilters({ query, facets, onChange, clearHref }: CatalogFiltersProps) {
  const id = useId();
  const genres = facets?.genres ?? (query.genre ? [query.genre] : []);
  const platforms = facets?.platforms ?? (query.platform ? [query.platform] : []);

  const applyPrice = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    let minPrice = toCents(data.get('minPrice'));
    let maxPrice = toCents(data.get('maxPrice'));
    if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice)
      [minPrice, maxPrice] = [maxPrice, minPrice];
    onChange({ minPrice, maxPrice });
  };

  return (
    <div className="flex flex-col gap-5" data-testid="catalog-filters">
      <FacetSelect
        id={`${id}-genre`}
        label="Genre"
        allLabel="All genres"
        value={query.genre}
        options={genres}
        onChange={(genre) => onChange({ genre })}
        hint={
          <>
            Every style a game mixes; its one main genre is its{' '}
            <Link href="/categories" className="underline underline-offset-2 hover:text-foreground">
              category
            </Link>
            .
          </>
        }
      />
      <FacetSelect
        id={`${id}-platform`}
        label="Platform"
        allLabel="All platforms"
        value={query.platform}
        options={platforms}
        onChange={(platform) => onChange({ platform })}
      />

      <form onSubmit={applyPrice} className="flex flex-col gap-1.5" aria-labelledby={`${id}-price`}>
        <p id={`${id}-price`} className="text-sm font-medium">
          Price (USD)
        </p>
        {/* Keyed on the URL's values so Back and Clear refill the boxes. */}
        <div key={`${query.minPrice}-${query.maxPrice}`} className="flex items-center gap-2">
          <label htmlFor={`${id}-min`} className="sr-only">
            Minimum price in dollars
          </label>
          <Input
            id={`${id}-min`}
            name="minPrice"
            type="number"
            min={0}
            step="0.01"
            inputMode="decimal"
            placeholder="Min"
            defaultValue={toDollars(query.minPrice)}
          />
          <span aria-hidden="true" className="text-muted-foreground">
            –
          </span>
          <label htmlFor={`${id}-max`} className="sr-only">
            Maximum price in dollars
          </label>
          <Input
            id={`${id}-max`}
            name="maxPrice"
            type="number"
            min={0}
            step="0.01"
            inputMode="decimal"
            placeholder="Max"
            defaultValue={toDollars(query.maxPrice)}
          />
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

      {hasFilters(query) && (
        <Link
          href={clearHref}
          scroll={false}
          className="text-sm font-semibold text-neon underline-offset-4 hover:underline"
        >
          Clear filters
        </Link>
      )}
    </div>
  );
}
