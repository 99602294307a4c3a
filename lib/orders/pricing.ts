/** Free shipping from this subtotal: the summary and the order agree because both call here. */
export const FREE_SHIPPING_FROM_CENTS = 5000;
export const SHIPPING_CENTS = 499;

export function shippingFor(subtotalCents: number): number {
  return subtotalCents === 0 || subtotalCents >= FREE_SHIPPING_FROM_CENTS ? 0 : SHIPPING_CENTS;
}

export function totalsFor(subtotalCents: number) {
  const shippingCents = shippingFor(subtotalCents);
  return { subtotalCents, shippingCents, totalCents: subtotalCents + shippingCents };
}

/** Below this many units left, admins hear about it. */
export const LOW_STOCK_THRESHOLD = 5;

/**
 * Unpaid orders hold their stock (cash-on-delivery ones with no deadline at all), so one
 * account may only keep this many waiting at once: otherwise a script could take a game off sale
 * without paying for it.
 */
export const MAX_OPEN_UNPAID_ORDERS = 5;
