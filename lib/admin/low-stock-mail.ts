import type { MailMessage } from '@/lib/mail';

export function lowStockMail(to: string, title: string, stock: number): MailMessage {
  return {
    to,
    subject: `Low stock: ${title} (${stock} left)`,
    text: `${title} is down to ${stock} unit${stock === 1 ? '' : 's'}. Restock it from the admin dashboard.\n\n— Arcade`,
  };
}
