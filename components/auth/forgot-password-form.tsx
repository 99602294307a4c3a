'use client';

import { useActionState, useRef } from 'react';
import { Field } from './field';
import { FormStatus, useFocusFirstInvalid } from './form-status';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function ForgotPasswordForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="grid gap-4"
      aria-label="Reset your password"
    >
      <FormStatus state={state} />
      <Field
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={state.values?.email}
        errors={state.fields?.email}
      />
      <SubmitButton pending={pending} pendingLabel="Sending…" className="w-full">
        Send reset link
      </SubmitButton>
    </form>
  );
}
