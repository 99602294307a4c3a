'use client';

import { useActionState } from 'react';
import { EmailField } from './account-fields';
import { ActionForm } from './action-form';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="grid gap-4"
      aria-label="Reset your password"
    >
      <EmailField state={state} />
      <SubmitButton pending={pending} pendingLabel="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
    </ActionForm>
  );
}
