import { Badge } from '@/components/ui/badge';

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
