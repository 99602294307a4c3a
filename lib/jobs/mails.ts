import type { orderItems, orders } from '@/db/schema';
import type { MailMessage } from '@/lib/mail';
import { formatMoney } from '@/lib/format/money';
import { env } from '@/lib/config/env';

type Order = typeof orders.$inferSelect;
type Item = typeof orderItems.$inferSelect;

export function orderReceiptMail(to: string, name: string, order: Order, items: Item[]): MailMessage {
  const money = (c: number) => formatMoney(c, order.currency);
  const paid = order.status !== 'pending_payment';
  const lines = items.map((i) => `  ${i.quantity} × ${i.title} — ${money(i.unitPriceCents * i.quantity)}`);
  const link = new URL(`/orders/${order.id}`, env().AUTH_URL).toString();
  const text = [
    `Hi ${name},`,
    '',
    paid ? 'Thanks for your order. Your payment was received.' : 'Thanks for your order. You pay in cash on delivery.',
    '',
    ...lines,
    '',
    `Subtotal: ${money(order.subtotalCents)}`,
    `Shipping: ${money(order.shippingCents)}`,
    `Total: ${money(order.totalCents)}`,
    '',
    `Order details: ${link}`,
    '',
    '— Arcade',
  ].join('\n');
  return { to, subject: `${paid ? 'Receipt' : 'Order confirmation'} for order ${order.id.slice(0, 8)}`, text };
}

export function lowStockMail(to: string, title: string, stock: number): MailMessage {
  return {
    to,
    subject: `Low stock: ${title} (${stock} left)`,
    text: `${title} is down to ${stock} unit${stock === 1 ? '' : 's'}. Restock it from the admin dashboard.\n\n— Arcade`,
  };
}
