/**
 * Standard VAT/GST rates on digital goods for the countries most of our buyers come from, in
 * basis points. An estimate, shown as one: the provider's invoice is what counts. Where a
 * country is not listed (or, like the US, taxes by state) no tax is estimated.
 */
export const TAX_RATES_BP: Readonly<Record<string, number>> = {
  AT: 2000,
  AU: 1000,
  BE: 2100,
  CA: 500,
  CH: 810,
  CZ: 2100,
  DE: 1900,
  DK: 2500,
  ES: 2100,
  FI: 2550,
  FR: 2000,
  GB: 2000,
  IE: 2300,
  IT: 2200,
  JP: 1000,
  NL: 2100,
  NO: 2500,
  NZ: 1500,
  PL: 2300,
  PT: 2300,
  SE: 2500,
};

/** Estimated tax on goods worth `cents` for a buyer billed in `country`, rounded half up. */
export function taxFor(cents: number, country: string | null | undefined): number {
  const rate = country ? (TAX_RATES_BP[country] ?? 0) : 0;
  return Math.round((cents * rate) / 10_000);
}

export function taxRateLabel(country: string | null | undefined): string {
  const rate = country ? (TAX_RATES_BP[country] ?? 0) : 0;
  return `${(rate / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}
