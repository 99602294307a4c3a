'use client';

import { useActionState, useRef } from 'react';
import { Field } from './field';
import { FormStatus, useFocusFirstInvalid } from './form-status';
import { SubmitButton } from './submit-button';
import { initialFormState, PASSWORD_HINT, type FormAction } from './types';

export function RegisterForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="grid gap-4"
      aria-label="Create an account"
    >
      <FormStatus state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field
        name="name"
        label="Name"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values?.name}
        errors={state.fields?.name}
      />
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
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        errors={state.fields?.password}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
