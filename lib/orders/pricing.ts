import { taxFor } from './tax';

/** Free shipping from this subtotal: the summary and the order agree because both call here. */
export const FREE_SHIPPING_FROM_CENTS = 5000;
export const SHIPPING_CENTS = 499;

export function shippingFor(subtotalCents: number): number {
  return subtotalCents === 0 || subtotalCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
}

type PricedLine = {
  priceCents: number;
  quantity: number;
  delivery: 'key' | 'download' | 'physical';
};

/**
 * What an order costs: its lines, shipping only when something is posted (on the posted lines'
 * worth), and the estimated tax of the billing country on the goods. The cart summary, checkout
 * and the order agree because all call here.
 */
export function totalsFor(lines: readonly PricedLine[], billingCountry: string | null | undefined) {
  const subtotalCents = lines.reduce((n, l) => n + l.priceCents * l.quantity, 0);
  const posted = lines.filter((l) => l.delivery === 'physical');
  const shippingCents = posted.length
    ? shippingFor(posted.reduce((n, l) => n + l.priceCents * l.quantity, 0))
    : 0;
  const taxCents = taxFor(subtotalCents, billingCountry);
  return {
    subtotalCents,
    shippingCents,
    taxCents,
    totalCents: subtotalCents + shippingCents + taxCents,
  };
}

export const needsShipping = (lines: readonly { delivery: string }[]) =>
  lines.some((l) => l.delivery === 'physical');

/** Below this many units left, admins hear about it. */
export const LOW_STOCK_THRESHOLD = 5;

/**
 * Unpaid orders hold their stock (cash-on-delivery ones with no deadline at all), so one
 * account may only keep this many waiting at once: otherwise a script could take a game off sale
 * without paying for it.
 */
export const MAX_OPEN_UNPAID_ORDERS = 5;
