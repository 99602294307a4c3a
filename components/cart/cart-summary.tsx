import { formatMoney } from '@/lib/format/money';
import { FREE_SHIPPING_FROM_CENTS, totalsFor } from '@/lib/orders/pricing';

/** Subtotal, shipping and total, computed by the same rule the order uses. */
export function CartSummary({ subtotalCents, currency }: { subtotalCents: number; currency: string }) {
  const { shippingCents, totalCents } = totalsFor(subtotalCents);
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-y-2 text-sm" data-testid="order-summary">
      <dt className="text-muted-foreground">Subtotal</dt>
      <dd className="text-right tabular-nums" data-testid="summary-subtotal">
        {formatMoney(subtotalCents, currency)}
      </dd>
      <dt className="text-muted-foreground">Shipping</dt>
      <dd className="text-right tabular-nums">{formatMoney(shippingCents, currency)}</dd>
      {shippingCents > 0 && (
        <dd className="col-span-2 text-xs text-muted-foreground">Free shipping from {formatMoney(FREE_SHIPPING_FROM_CENTS, currency)}.</dd>
      )}
      <dt className="border-t border-border pt-2 font-semibold">Total</dt>
      <dd className="border-t border-border pt-2 text-right font-semibold tabular-nums" data-testid="summary-total">
        {formatMoney(totalCents, currency)}
      </dd>
    </dl>
  );
}
