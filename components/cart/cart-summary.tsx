import { formatMoney } from '@/lib/format/money';
import { FREE_SHIPPING_FROM_CENTS, needsShipping, totalsFor } from '@/lib/orders/pricing';
import { taxRateLabel } from '@/lib/orders/tax';
import type { CartLine } from '@/lib/cart/types';

type Props = { items: CartLine[]; currency: string; billingCountry?: string | null };

/**
 * Subtotal, shipping, estimated tax and total, computed by the same rule the order uses. Every
 * line counts, bought as it stands or not: a line that needs attention is shown in the notices,
 * never left out of the sum.
 */
export function CartSummary({ items, currency, billingCountry }: Props) {
  const lines = items.map((i) => ({
    priceCents: i.unitPriceCents,
    quantity: i.quantity,
    delivery: i.delivery,
  }));
  const { subtotalCents, shippingCents, taxCents, totalCents } = totalsFor(lines, billingCountry);
  const posted = needsShipping(lines);
  return (
    <dl className="grid grid-cols-[1fr_auto] gap-y-2 text-sm" data-testid="order-summary">
      <dt className="text-muted-foreground">Subtotal</dt>
      <dd className="text-right tabular-nums" data-testid="summary-subtotal">
        {formatMoney(subtotalCents, currency)}
      </dd>
      <dt className="text-muted-foreground">Shipping</dt>
      <dd className="text-right tabular-nums" data-testid="summary-shipping">
        {posted ? formatMoney(shippingCents, currency) : 'None (digital)'}
      </dd>
      {posted && shippingCents > 0 && (
        <dd className="col-span-2 text-xs text-muted-foreground">
          Free shipping from {formatMoney(FREE_SHIPPING_FROM_CENTS, currency)} of boxed editions.
        </dd>
      )}
      {billingCountry && (
        <>
          <dt className="text-muted-foreground">Estimated tax ({taxRateLabel(billingCountry)})</dt>
          <dd className="text-right tabular-nums" data-testid="summary-tax">
            {formatMoney(taxCents, currency)}
          </dd>
        </>
      )}
      <dt className="border-t border-border pt-2 font-semibold">
        {billingCountry ? 'Total' : 'Total before tax'}
      </dt>
      <dd
        className="border-t border-border pt-2 text-right font-semibold tabular-nums"
        data-testid="summary-total"
      >
        {formatMoney(totalCents, currency)}
      </dd>
    </dl>
  );
}
