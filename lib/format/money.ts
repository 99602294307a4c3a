const LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat | null {
  const code = currency.toUpperCase();
  let formatter = formatters.get(code);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: code });
    } catch {
      return null;
    }
    formatters.set(code, formatter);
  }
  return formatter;
}

/**
 * Formats an amount held in the currency's minor unit (cents for USD, yen for JPY) for display.
 * A zero amount reads "Free", as shoppers expect on a game store. The locale is fixed so server
 * and browser render the same string (no hydration mismatch).
 */
export function formatMoney(cents: number, currency: string): string {
  if (cents === 0) return 'Free';
  const formatter = formatterFor(currency);
  if (!formatter) return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(cents / 10 ** digits);
}
