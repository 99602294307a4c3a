/**
 * What a refund of some units gives back, in one place for the refund itself and for the admin
 * form's preview: the units' price plus their share of the order's tax. The refund that takes the
 * last units gives back everything still held instead (shipping, and the cents rounding kept), so
 * the refunds of an order always add up to its total.
 */
export type RefundableOrder = {
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  /** Given back already, by earlier refunds. */
  refundedCents: number;
  items: readonly {
    editionId: string;
    unitPriceCents: number;
    quantity: number;
    refundedQuantity: number;
  }[];
};

export type RefundLine = { editionId: string; quantity: number };

export function refundAmountFor(
  order: RefundableOrder,
  lines: readonly RefundLine[],
): { amountCents: number; complete: boolean } {
  const asked = new Map<string, number>();
  for (const l of lines) asked.set(l.editionId, (asked.get(l.editionId) ?? 0) + l.quantity);
  const complete = order.items.every(
    (i) => i.refundedQuantity + (asked.get(i.editionId) ?? 0) >= i.quantity,
  );
  const left = Math.max(0, order.totalCents - order.refundedCents);
  if (complete) return { amountCents: left, complete };
  const goods = order.items.reduce(
    (n, i) => n + i.unitPriceCents * (asked.get(i.editionId) ?? 0),
    0,
  );
  const tax =
    order.subtotalCents > 0 ? Math.round((goods * order.taxCents) / order.subtotalCents) : 0;
  return { amountCents: Math.min(goods + tax, left), complete };
}
