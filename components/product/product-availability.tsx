'use client';

import { useState } from 'react';
import { AddToCartButton } from '@/components/cart/add-to-cart-button';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/lib/format/money';
import type { EditionSummary } from '@/lib/catalog/types';
import { LOW_STOCK_THRESHOLD, StockBadge } from './stock-badge';
import { useLiveEditionStock } from './use-live-stock';

const DELIVERY_HINT: Record<EditionSummary['delivery'], string> = {
  key: 'Key in your library right after payment',
  download: 'DRM-free download from your library',
  physical: 'Boxed, shipped to your address',
};

/**
 * The edition picker and stock island of a cached product page: the page is rendered once for
 * every shopper, and this part asks for the live counts, so an order never retires the page.
 */
export function ProductAvailability({ editions }: { editions: EditionSummary[] }) {
  const counted = editions.filter((e) => e.stock !== null).map((e) => e.id);
  const live = useLiveEditionStock(counted);
  const left = (e: EditionSummary) =>
    e.stock === null ? null : live ? (live[e.id] ?? 0) : undefined;
  // Until the live counts arrive an edition counts as available: the choice then moves only if the
  // first edition turns out to be sold out.
  const firstAvailable = editions.find((e) => left(e) !== 0) ?? editions[0];
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const chosen = editions.find((e) => e.id === picked) ?? firstAvailable;
  if (!chosen)
    return <p className="text-sm text-muted-foreground">This game has no edition on sale.</p>;
  const stock = left(chosen);
  return (
    <>
      <fieldset className="flex flex-col gap-2" data-testid="edition-picker">
        <legend className="mb-1 text-sm font-semibold">Choose your edition</legend>
        {editions.map((e) => {
          const units = left(e);
          return (
            <label
              key={e.id}
              className={cn(
                'flex cursor-pointer items-center justify-between gap-3 rounded-md border p-3 text-sm',
                chosen.id === e.id
                  ? 'border-primary bg-primary/5'
                  : 'border-border hover:bg-accent',
              )}
            >
              <span className="flex items-center gap-3">
                <input
                  type="radio"
                  name="edition"
                  value={e.id}
                  checked={chosen.id === e.id}
                  onChange={() => setPicked(e.id)}
                  className="accent-[var(--color-primary)]"
                />
                <span className="flex flex-col">
                  <span className="font-medium">{e.name}</span>
                  <span className="text-xs text-muted-foreground">{DELIVERY_HINT[e.delivery]}</span>
                </span>
              </span>
              <span className="flex flex-col items-end gap-1">
                <span className="font-semibold tabular-nums">
                  {formatMoney(e.priceCents, e.currency)}
                </span>
                {units === 0 && <span className="text-xs text-danger-text">Out of stock</span>}
                {units !== null &&
                  units !== undefined &&
                  units > 0 &&
                  units <= LOW_STOCK_THRESHOLD && (
                    <span className="text-xs text-warning">Only {units} left</span>
                  )}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div
        className="flex min-h-6 flex-wrap items-center gap-3"
        aria-live="polite"
        data-testid="product-availability"
      >
        {stock !== undefined && stock !== null && <StockBadge stock={stock} />}
        {(stock === null || (stock !== undefined && stock > LOW_STOCK_THRESHOLD)) && (
          <Badge variant="success">In stock</Badge>
        )}
      </div>
      <AddToCartButton editionId={chosen.id} disabled={stock === 0} className="w-full sm:w-auto" />
    </>
  );
}
