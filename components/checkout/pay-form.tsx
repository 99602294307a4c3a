'use client';

import { useActionState } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { ActionState } from '@/lib/actions/validated';

const initial: ActionState = { ok: false };

/** The page passes its server action in: components never import app (ARCHITECTURE "Layers"). */
export function PayForm({
  payAction,
  intentId,
  method,
  lastFailure,
}: {
  payAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  intentId: string;
  method: 'card' | 'wallet';
  lastFailure: string | null;
}) {
  const [state, action, pending] = useActionState(payAction, initial);
  const message = state.message ?? (lastFailure ? `Last attempt: ${lastFailure}` : null);
  const cardError = state.fields?.cardNumber?.[0];
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="intentId" value={intentId} />
      <input type="hidden" name="method" value={method} />
      {message && (
        <Alert variant="destructive" data-testid="payment-error">
          <AlertDescription>{message}</AlertDescription>
        </Alert>
      )}
      {method === 'card' ? (
        <>
          <div className="flex flex-col gap-2">
            <Label htmlFor="card-number">Card number</Label>
            <Input
              id="card-number"
              name="cardNumber"
              inputMode="numeric"
              autoComplete="cc-number"
              placeholder="4242 4242 4242 4242"
              defaultValue={state.values?.cardNumber}
              aria-invalid={cardError ? true : undefined}
              aria-describedby="card-hint"
              required
            />
            <p id="card-hint" className="text-xs text-muted-foreground">
              Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined. Any expiry
              and CVC.
            </p>
          </div>
          <div className="grid grid-cols-2 gap-4">
            <div className="flex flex-col gap-2">
              <Label htmlFor="card-expiry">Expiry</Label>
              <Input id="card-expiry" name="expiry" autoComplete="cc-exp" placeholder="12/34" />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="card-cvc">CVC</Label>
              <Input id="card-cvc" name="cvc" autoComplete="cc-csc" placeholder="123" />
            </div>
          </div>
          <Button type="submit" size="lg" disabled={pending} data-testid="pay-now">
            {pending ? 'Processing…' : 'Pay now'}
          </Button>
        </>
      ) : (
        <Button type="submit" size="lg" disabled={pending} data-testid="pay-now">
          {pending ? 'Waiting for your wallet…' : 'Approve with wallet'}
        </Button>
      )}
    </form>
  );
}
