import 'server-only';
import { cashProvider } from './cash';
import type { PaymentProvider } from './provider';
import { SIMULATED_PROVIDER, simulatedProvider } from './simulated';

/**
 * Every payment provider the shop can talk to, by the name its payments rows carry
 * (`payments.provider`): a refund or a webhook goes to the provider that took the money, not to
 * whichever one is the default today.
 */
const providers = new Map<string, PaymentProvider>([
  [simulatedProvider.name, simulatedProvider],
  [cashProvider.name, cashProvider],
]);

/** The provider new card and wallet orders are paid through. */
export const DEFAULT_PROVIDER = SIMULATED_PROVIDER;

export function providerNamed(name: string): PaymentProvider {
  const provider = providers.get(name);
  if (!provider) throw new Error(`No payment provider is named "${name}".`);
  return provider;
}

export function isProviderName(name: string): boolean {
  return providers.has(name);
}

/** Adds (or replaces) a provider: another processor's adapter, or a test double. */
export function registerProvider(provider: PaymentProvider): void {
  providers.set(provider.name, provider);
}
