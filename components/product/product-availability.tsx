'use client';

import { AddToCartButton } from '@/components/cart/add-to-cart-button';
import { Badge } from '@/components/ui/badge';
import { LOW_STOCK_THRESHOLD, StockBadge } from './stock-badge';
import { useLiveStock } from './use-live-stock';

/**
 * The stock island of a cached product page: the page is rendered once for every shopper, and
 * this part asks for the live count, so an order never has to retire the page.
 */
export function ProductAvailability({ productId }: { productId: string }) {
  const stock = useLiveStock(productId);
  return (
    <>
      <div className="flex min-h-6 flex-wrap items-center gap-3" aria-live="polite" data-testid="product-availability">
        {stock !== undefined && <StockBadge stock={stock} />}
        {stock !== undefined && stock > LOW_STOCK_THRESHOLD && <Badge variant="success">In stock</Badge>}
      </div>
      <AddToCartButton productId={productId} disabled={stock === 0} className="w-full sm:w-auto" />
    </>
  );
}
