'use client';

import { useActionState } from 'react';
import { NewPasswordField } from './account-fields';
import { ActionForm } from './action-form';
import { PasswordField } from './password-field';
import { SubmitButton } from './submit-button';
import { initialFormState, PASSWORD_HINT, type FormAction } from './types';

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="grid gap-4"
      aria-label="Change password"
    >
      <PasswordField
        name="currentPassword"
        label="Current password"
        autoComplete="current-password"
        required
        errors={state.fields?.currentPassword}
      />
      <NewPasswordField
        state={state}
        name="newPassword"
        label="New password"
        hint={`${PASSWORD_HINT} Your other devices will be signed out.`}
      />
      <div>
        <SubmitButton pending={pending} pendingLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
