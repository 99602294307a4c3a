'use client';

import { useActionState } from 'react';
import { NameField } from './account-fields';
import { ActionForm } from './action-form';
import { Field } from './field';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function ProfileForm({
  action,
  name,
  email,
}: {
  action: FormAction;
  name: string;
  email: string;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <ActionForm state={state} action={formAction} className="grid gap-4" aria-label="Profile">
      <Field
        name="email-shown"
        label="Email"
        type="email"
        value={email}
        readOnly
        disabled
        hint="Your email is your sign-in name."
      />
      <NameField state={state} defaultValue={name} />
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save name
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
