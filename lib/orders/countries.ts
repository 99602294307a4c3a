import { countries } from 'countries-list';

/** ISO 3166-1 alpha-2 codes with English names, sorted by name: what the billing country picker lists. */
export const COUNTRIES: readonly { code: string; name: string }[] = Object.entries(countries)
  .map(([code, c]) => ({ code, name: c.name }))
  .sort((a, b) => a.name.localeCompare(b.name));

const KNOWN = new Set(COUNTRIES.map((c) => c.code));

export function isCountryCode(code: string): boolean {
  return KNOWN.has(code);
}
