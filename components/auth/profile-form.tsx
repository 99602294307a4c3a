'use client';

import { useActionState, useRef } from 'react';
import { Field } from './field';
import { FormStatus, useFocusFirstInvalid } from './form-status';
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
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form ref={formRef} action={formAction} noValidate className="grid gap-4" aria-label="Profile">
      <FormStatus state={state} />
      <Field
        name="email-shown"
        label="Email"
        type="email"
        value={email}
        readOnly
        disabled
        hint="Your email is your sign-in name."
      />
      <Field
        name="name"
        label="Name"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values?.name ?? name}
        errors={state.fields?.name}
      />
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">
          Save name
        </SubmitButton>
      </div>
    </form>
  );
}
