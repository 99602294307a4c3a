'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { Field, sentFields } from './fields';

export function StockForm({ action, productId }: { action: FormAction; productId: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const field = sentFields(state);
  return (
    <ActionForm state={state} action={formAction} aria-label="Adjust stock" className="grid gap-3">
      <input type="hidden" name="id" value={productId} />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <Field {...field('delta')} label="Change" type="number" required hint="+10 or -2" />
        <Field {...field('reason')} label="Reason" required />
      </div>
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…" variant="secondary">
          Adjust stock
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
