'use client';

import { useActionState, useRef } from 'react';
import { Field } from './field';
import { FormStatus, useFocusFirstInvalid } from './form-status';
import { SubmitButton } from './submit-button';
import { initialFormState, PASSWORD_HINT, type FormAction } from './types';

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="grid gap-4"
      aria-label="Change password"
    >
      <FormStatus state={state} />
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fields?.currentPassword}
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={`${PASSWORD_HINT} Your other devices will be signed out.`}
        errors={state.fields?.newPassword}
      />
      <div>
        <SubmitButton pending={pending} pendingLabel="Changing…">
          Change password
        </SubmitButton>
      </div>
    </form>
  );
}
