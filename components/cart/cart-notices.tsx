import { AlertTriangle } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import type { CartNotice } from '@/lib/cart/types';

/** What changed since the shopper added things: stock, prices, quantities we lowered. */
export function CartNotices({ notices }: { notices: CartNotice[] }) {
  if (!notices.length) return null;
  return (
    <Alert variant="warning" data-testid="cart-notices">
      <AlertTriangle aria-hidden="true" />
      <AlertTitle>Please check your cart</AlertTitle>
      <AlertDescription>
        <ul className="list-disc pl-4">
          {notices.map((n) => (
            <li key={`${n.productId}-${n.kind}`}>{n.message}</li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}
