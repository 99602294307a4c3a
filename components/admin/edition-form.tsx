'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { useFadingSuccess } from './fading';
import { Field, SelectField, sentFields } from './fields';

const DELIVERIES = [
  { value: 'key', label: 'Key (stock = keys imported)' },
  { value: 'download', label: 'Download (unlimited unless capped)' },
  { value: 'physical', label: 'Physical (boxed, shipped)' },
];

/** Adds an edition to a game: platform, delivery, price; a box's opening units or a download's cap. */
export function EditionForm({ action, productId }: { action: FormAction; productId: string }) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  const field = sentFields(state);
  return (
    <ActionForm
      state={state}
      action={formAction}
      aria-label="Add an edition"
      className="grid gap-3"
    >
      <input type="hidden" name="id" value={productId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...field('name')} label="Name" required hint="e.g. PlayStation 5 (code)" />
        <Field {...field('platform')} label="Platform" required />
        <SelectField {...field('delivery')} label="Delivery" options={DELIVERIES} required />
        <Field
          {...field('price')}
          label="Price"
          required
          inputMode="decimal"
          hint="In dollars, e.g. 29.99"
        />
        <Field
          {...field('stock')}
          label="Units or cap"
          type="number"
          hint="Boxes: units. Downloads: blank for unlimited. Keys: leave blank."
        />
        <Field {...field('sku')} label="SKU" hint="Blank: made from the game and platform" />
      </div>
      <div>
        <SubmitButton pending={pending} pendingLabel="Adding…" variant="secondary">
          Add edition
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
