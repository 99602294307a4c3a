'use client';

import { useActionState, useRef } from 'react';
import { FormStatus, useFocusFirstInvalid } from '@/components/auth/form-status';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialState, type FormAction } from './action-form';
import { Field } from './fields';

export function StockForm({ action, productId }: { action: FormAction; productId: string }) {
  const [state, formAction, pending] = useActionState(action, initialState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  const keep = !state.ok ? state.values : undefined;
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      aria-label="Adjust stock"
      className="grid gap-3"
    >
      <FormStatus state={state} />
      <input type="hidden" name="id" value={productId} />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <Field
          name="delta"
          label="Change"
          type="number"
          required
          defaultValue={keep?.delta}
          errors={state.fields?.delta}
          hint="+10 or -2"
        />
        <Field
          name="reason"
          label="Reason"
          required
          defaultValue={keep?.reason}
          errors={state.fields?.reason}
        />
      </div>
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…" variant="secondary">
          Adjust stock
        </SubmitButton>
      </div>
    </form>
  );
}
