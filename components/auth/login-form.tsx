'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { Field } from './field';
import { FormStatus, useFocusFirstInvalid } from './form-status';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function LoginForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form ref={formRef} action={formAction} noValidate className="grid gap-4" aria-label="Sign in">
      <FormStatus state={state} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
        autoComplete="current-password"
        required
        errors={state.fields?.password}
      />
      <div className="flex justify-end">
        <Link
          href="/forgot-password"
          className="text-sm text-neon underline-offset-4 hover:underline"
        >
          Forgot your password?
        </Link>
      </div>
      <SubmitButton pending={pending} pendingLabel="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
