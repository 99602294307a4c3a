'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { useFadingSuccess } from './fading';
import { Field, SelectField, sentFields, type Option } from './fields';

/** Units of boxes and capped downloads move here; a key edition's stock follows its keys. */
export function StockForm({
  action,
  productId,
  editions,
}: {
  action: FormAction;
  productId: string;
  editions: readonly Option[];
}) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  const field = sentFields(state);
  return (
    <ActionForm state={state} action={formAction} aria-label="Adjust stock" className="grid gap-3">
      <input type="hidden" name="id" value={productId} />
      {editions.length > 1 ? (
        <SelectField {...field('editionId')} label="Edition" options={editions} required />
      ) : editions.length === 1 ? (
        <input type="hidden" name="editionId" value={editions[0]!.value} />
      ) : null}
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
