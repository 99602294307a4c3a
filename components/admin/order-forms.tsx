'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { FormStatus } from '@/components/auth/form-status';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { Button } from '@/components/ui/button';
import { useFadingSuccess } from './fading';
import { Field, TextareaField } from './fields';

/** Approve or deny in one form: the button pressed is the decision. */
export function RefundDecisionForm({ action, orderId }: { action: FormAction; orderId: string }) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  return (
    <form action={formAction} noValidate aria-label="Refund request" className="grid gap-3">
      <FormStatus state={state} />
      <input type="hidden" name="id" value={orderId} />
      <Field
        name="reason"
        label="Reason (optional)"
        defaultValue={state.ok ? undefined : state.values?.reason}
        errors={state.fields?.reason}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          Approve refund
        </Button>
        <Button type="submit" name="decision" value="deny" variant="outline" disabled={pending}>
          Deny refund
        </Button>
      </div>
    </form>
  );
}

export function NoteForm({ action, orderId }: { action: FormAction; orderId: string }) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  return (
    <ActionForm state={state} action={formAction} aria-label="Add a note" className="grid gap-3">
      <input type="hidden" name="id" value={orderId} />
      <TextareaField
        name="body"
        label="Internal note"
        hint="Only staff see notes."
        defaultValue={state.ok ? undefined : state.values?.body}
        errors={state.fields?.body}
        className="min-h-20"
      />
      <div>
        <SubmitButton pending={pending} pendingLabel="Adding…" variant="secondary">
          Add note
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
