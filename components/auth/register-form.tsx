'use client';

import { useActionState } from 'react';
import { EmailField, NameField, NewPasswordField } from './account-fields';
import { ActionForm } from './action-form';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function RegisterForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="grid gap-4"
      aria-label="Create an account"
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <NameField state={state} />
      <EmailField state={state} />
      <NewPasswordField state={state} label="Password" />
      <SubmitButton pending={pending} pendingLabel="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </ActionForm>
  );
}
