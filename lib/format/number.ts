const LOCALE = 'en-US';

const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const grouped = new Intl.NumberFormat(LOCALE);
const oneDecimal = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** 1234 → "1.2K": for counts shown in tight spaces such as product cards. */
export function formatCompactNumber(value: number): string {
  return compact.format(value);
}

/** 1234 → "1,234": for counts read out in full (screen-reader text, detail pages). */
export function formatCount(value: number): string {
  return grouped.format(value);
}

/** 4.25 → "4.3": ratings always show one decimal so cards line up. */
export function formatRating(value: number): string {
  return oneDecimal.format(value);
}
