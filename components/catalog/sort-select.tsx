'use client';

import { PRODUCT_SORTS, SORT_LABELS, type ProductSort } from '@/lib/catalog/query';

type SortSelectProps = {
  value: ProductSort;
  /** Relevance only makes sense with search words. */
  allowRelevance: boolean;
  onChange: (sort: ProductSort) => void;
};

export function SortSelect({ value, allowRelevance, onChange }: SortSelectProps) {
  const sorts = PRODUCT_SORTS.filter((s) => allowRelevance || s !== 'relevance');
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="catalog-sort" className="text-sm whitespace-nowrap text-muted-foreground">
        Sort by
      </label>
      <select
        id="catalog-sort"
        value={value}
        onChange={(e) => onChange(e.target.value as ProductSort)}
        className="h-10 rounded-md border border-input bg-background/60 px-3 text-sm text-foreground outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40"
      >
        {sorts.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_LABELS[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
