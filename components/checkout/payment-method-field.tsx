import { Banknote, CreditCard, Wallet } from 'lucide-react';
import { cn } from '@/components/ui/cn';

export type Method = 'card' | 'wallet' | 'cod';

const METHODS: { value: Method; label: string; hint: string; Icon: typeof CreditCard }[] = [
  { value: 'card', label: 'Card', hint: 'Pay on the secure payment page.', Icon: CreditCard },
  { value: 'wallet', label: 'Wallet', hint: 'Approve with your digital wallet.', Icon: Wallet },
  { value: 'cod', label: 'Cash on delivery', hint: 'Pay when your order arrives.', Icon: Banknote },
];

/** Cash on delivery only when everything is delivered by hand: a key or a download is not. */
export function PaymentMethodField({
  value,
  onChange,
  error,
  cashOnDelivery,
}: {
  value: Method;
  onChange: (m: Method) => void;
  error?: string;
  cashOnDelivery: boolean;
}) {
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="sr-only">Payment method</legend>
      {METHODS.filter((m) => cashOnDelivery || m.value !== 'cod').map(
        ({ value: v, label, hint, Icon }) => (
          <label
            key={v}
            className={cn(
              'flex cursor-pointer items-center gap-3 rounded-md border p-3',
              value === v ? 'border-primary bg-primary/5' : 'border-border hover:bg-accent',
            )}
          >
            <input
              type="radio"
              name="paymentMethod"
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
              className="accent-[var(--color-primary)]"
            />
            <Icon className="size-5 text-muted-foreground" aria-hidden="true" />
            <span className="flex flex-col">
              <span className="font-medium">{label}</span>
              <span className="text-xs text-muted-foreground">{hint}</span>
            </span>
          </label>
        ),
      )}
      {error && <p className="text-sm text-danger-text">{error}</p>}
    </fieldset>
  );
}
