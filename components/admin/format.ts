import { formatMoney } from '@/lib/format/money';

/** Like the shop's formatMoney, but a zero amount reads "$0.00": on a report, "Free" is wrong. */
export function formatAmount(cents: number, currency: string): string {
  if (cents !== 0) return formatMoney(cents, currency);
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(0);
  } catch {
    return `0 ${currency}`;
  }
}

const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** A fixed zone and locale so server and browser render the same string. */
export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}
