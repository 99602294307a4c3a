'use client';

import { useActionState, useState } from 'react';
import { FormStatus } from '@/components/auth/form-status';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { refundAmountFor, type RefundableOrder } from '@/lib/orders/refund-amount';
import { useFadingSuccess } from './fading';
import { Field } from './fields';
import { formatAmount } from './format';

type Line = RefundableOrder['items'][number] & { title: string; editionName: string };

type Props = {
  action: FormAction;
  orderId: string;
  currency: string;
  order: Omit<RefundableOrder, 'items'> & { items: Line[] };
};

/**
 * Staff refund units of an order (or everything left) in two steps: choose, then confirm the
 * amount, worked out by the same function as the refund itself, before anything is sent.
 */
export function OrderRefundForm({ action, orderId, currency, order }: Props) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  const [qty, setQty] = useState<Record<string, number>>({});
  // The review is for one submission: any answer from the server closes it.
  const [reviewing, setReviewing] = useState<{ scope: 'all' | 'lines'; answer: object } | null>(
    null,
  );
  const [answered, setAnswered] = useState<object>(sent);
  if (answered !== sent) {
    setAnswered(sent);
    if (sent.ok) setQty({});
  }
  const confirming = reviewing !== null && reviewing.answer === sent ? reviewing.scope : null;

  const left = (l: Line) => l.quantity - l.refundedQuantity;
  const chosen =
    confirming === 'all'
      ? order.items
          .map((l) => ({ editionId: l.editionId, quantity: left(l) }))
          .filter((l) => l.quantity > 0)
      : order.items
          .map((l) => ({ editionId: l.editionId, quantity: qty[l.editionId] ?? 0 }))
          .filter((l) => l.quantity > 0);
  const { amountCents, complete } = refundAmountFor(order, chosen);
  const summary = chosen
    .map((c) => {
      const line = order.items.find((l) => l.editionId === c.editionId)!;
      return `${c.quantity} × ${line.title} (${line.editionName})`;
    })
    .join(', ');
  const [hint, setHint] = useState<string | null>(null);

  function review(scope: 'all' | 'lines') {
    if (scope === 'lines' && !order.items.some((l) => (qty[l.editionId] ?? 0) > 0)) {
      setHint('Choose how many units of which lines to refund.');
      return;
    }
    setHint(null);
    setReviewing({ scope, answer: sent });
  }

  return (
    <form action={formAction} noValidate aria-label="Refund" className="grid gap-3">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={orderId} />
      <input type="hidden" name="scope" value={confirming ?? 'lines'} />
      <fieldset className="grid gap-2" disabled={pending}>
        <legend className="mb-1 text-sm text-muted-foreground">Units to refund</legend>
        {order.items.map((l) => (
          <div key={l.editionId} className="flex items-center justify-between gap-3">
            <Label htmlFor={`qty-${l.editionId}`} className="grid gap-0.5 font-normal">
              <span>{l.title}</span>
              <span className="text-xs text-muted-foreground">
                {l.editionName} · {left(l)} of {l.quantity} left ·{' '}
                {formatAmount(l.unitPriceCents, currency)} each
              </span>
            </Label>
            <Input
              id={`qty-${l.editionId}`}
              name={`qty:${l.editionId}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={left(l)}
              className="w-20"
              value={qty[l.editionId] ?? 0}
              readOnly={confirming !== null || left(l) === 0}
              onChange={(e) => {
                const n = Math.max(0, Math.min(left(l), Math.trunc(Number(e.target.value) || 0)));
                setQty((q) => ({ ...q, [l.editionId]: n }));
              }}
            />
          </div>
        ))}
      </fieldset>
      <Field
        name="reason"
        label="Reason (optional)"
        readOnly={confirming !== null}
        defaultValue={state.ok ? undefined : state.values?.reason}
        errors={state.fields?.reason}
      />
      {hint ? (
        <p role="alert" className="text-sm text-danger-text">
          {hint}
        </p>
      ) : null}
      {confirming ? (
        <div
          role="group"
          aria-label="Confirm the refund"
          className="grid gap-2 rounded-md border p-3 text-sm"
        >
          <p>
            Refund <strong>{formatAmount(amountCents, currency)}</strong> for {summary}
            {complete ? ' (everything left: the order becomes refunded)' : ''}? Games leave the
            customer&apos;s library, unrevealed keys and unshipped boxes go back on sale, and the
            money goes back through the payment provider.
          </p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pending={pending} pendingLabel="Refunding…" variant="destructive">
              Confirm refund of {formatAmount(amountCents, currency)}
            </SubmitButton>
            <Button
              type="button"
              variant="outline"
              disabled={pending}
              onClick={() => setReviewing(null)}
            >
              Back
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => review('lines')}>
            Review refund
          </Button>
          <Button type="button" variant="outline" onClick={() => review('all')}>
            Refund everything left
          </Button>
        </div>
      )}
    </form>
  );
}
