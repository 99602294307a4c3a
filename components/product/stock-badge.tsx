'use client';

import { Badge } from '@/components/ui/badge';
import { useLiveStock } from './use-live-stock';

/** At or below this many units the card nudges shoppers that stock is running out. */
export const LOW_STOCK_THRESHOLD = 5;

export function stockLabel(stock: number): string | null {
  if (stock <= 0) return 'Out of stock';
  if (stock <= LOW_STOCK_THRESHOLD) return `Only ${stock} left`;
  return null;
}

export function StockBadge({ stock, className }: { stock: number; className?: string }) {
  const label = stockLabel(stock);
  if (!label) return null;
  return (
    <Badge
      data-testid="stock-badge"
      variant={stock <= 0 ? 'destructive' : 'warning'}
      className={className}
    >
      {label}
    </Badge>
  );
}

/**
 * The badge of a game whose page may come from a cache: it shows the live count once known, and
 * nothing before. `fresh` is a live count the page already has.
 */
export function LiveStockBadge({
  countedEditionIds,
  unlimited,
  fresh,
  className,
}: {
  countedEditionIds: string[];
  unlimited: boolean;
  fresh?: number;
  className?: string;
}) {
  const stock = useLiveStock(unlimited ? [] : countedEditionIds, fresh);
  // A game with a download that never runs out is always available: no count to nudge with.
  if (unlimited || stock === undefined) return null;
  return <StockBadge stock={stock} className={className} />;
}
