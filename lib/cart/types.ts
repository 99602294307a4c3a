export type CartOwner = { userId: string } | { guestId: string };

export type CartNoticeKind =
  'clamped' | 'out_of_stock' | 'exceeds_stock' | 'price_changed' | 'unavailable';

export type CartNotice = {
  productId: string;
  editionId: string;
  kind: CartNoticeKind;
  message: string;
};

/** One line as the cart page, the header badge and API clients read it: plain JSON. */
export type CartLine = {
  editionId: string;
  editionName: string;
  platform: string;
  delivery: 'key' | 'download' | 'physical';
  productId: string;
  slug: string;
  title: string;
  coverUrl: string | null;
  quantity: number;
  unitPriceCents: number;
  /** The price when the shopper added the item; differs from `unitPriceCents` after a price change. */
  seenPriceCents: number;
  lineTotalCents: number;
  currency: string;
  /** Units left of the edition; null when it never runs out. */
  stock: number | null;
  /** False when the item cannot be bought as it is (archived, out of stock, more than in stock). */
  purchasable: boolean;
};

export type CartView = {
  items: CartLine[];
  itemCount: number;
  subtotalCents: number;
  currency: string;
  notices: CartNotice[];
  /** True when every line can be ordered as it stands. */
  canCheckout: boolean;
};

export const EMPTY_CART: CartView = {
  items: [],
  itemCount: 0,
  subtotalCents: 0,
  currency: 'USD',
  notices: [],
  canCheckout: false,
};

/**
 * The figures a cart derives from its lines. Shared by the server's view and the client's
 * optimistic guess, so the badge and the summary never disagree with what the server will answer.
 */
export function cartTotals(
  items: CartLine[],
): Pick<CartView, 'items' | 'itemCount' | 'subtotalCents' | 'canCheckout'> {
  // Every line counts, bought as it stands or not: a total that left a line out would read as the
  // price of the cart. What stops checkout is said by the notices and `canCheckout`.
  return {
    items,
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    subtotalCents: items.reduce((n, i) => n + i.lineTotalCents, 0),
    canCheckout: items.length > 0 && items.every((i) => i.purchasable),
  };
}
