import type { orderItems, orders } from '@/db/schema';
import type { MailMessage } from '@/lib/mail';
import { formatMoney } from '@/lib/format/money';
import { env } from '@/lib/config/env';

type Order = typeof orders.$inferSelect;
type Item = typeof orderItems.$inferSelect;

export function orderReceiptMail(
  to: string,
  name: string,
  order: Order,
  items: Item[],
  gift?: string | null,
): MailMessage {
  const money = (c: number) => formatMoney(c, order.currency);
  const paid = order.status !== 'pending_payment';
  const lines = items.map(
    (i) =>
      `  ${i.quantity} × ${i.title} (${i.editionName}) — ${money(i.unitPriceCents * i.quantity)}`,
  );
  const link = new URL(`/orders/${order.id}`, env().AUTH_URL).toString();
  const library = new URL('/library', env().AUTH_URL).toString();
  const digital = items.some((i) => i.delivery !== 'physical');
  // Never a key in a mail: mail is stored and forwarded in clear. Keys are revealed in the library.
  const delivery =
    !digital || !paid
      ? []
      : gift
        ? [`Your gift was sent to ${gift}. They claim it from the mail they received.`, '']
        : [`Your keys and downloads are in your library: ${library}`, ''];
  const text = [
    `Hi ${name},`,
    '',
    paid
      ? 'Thanks for your order. Your payment was received.'
      : 'Thanks for your order. You pay in cash on delivery.',
    '',
    ...lines,
    '',
    `Subtotal: ${money(order.subtotalCents)}`,
    ...(order.shippingAddress ? [`Shipping: ${money(order.shippingCents)}`] : []),
    ...(order.taxCents
      ? [`Estimated tax (${order.billingCountry}): ${money(order.taxCents)}`]
      : []),
    `Total: ${money(order.totalCents)}`,
    '',
    ...delivery,
    `Order details: ${link}`,
    '',
    '— Arcade',
  ].join('\n');
  return {
    to,
    subject: `${paid ? 'Receipt' : 'Order confirmation'} for order ${order.id.slice(0, 8)}`,
    text,
  };
}
