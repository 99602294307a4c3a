'use client';

import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { Field } from './field';
import { FormStatus, useFocusFirstInvalid } from './form-status';
import { SubmitButton } from './submit-button';
import { initialFormState, PASSWORD_HINT, type FormAction } from './types';

export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  const tokenProblem = state.fields?.token?.[0];
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      className="grid gap-4"
      aria-label="Choose a new password"
    >
      <FormStatus state={state} />
      {tokenProblem ? (
        <p className="text-sm">
          <Link href="/forgot-password" className="text-neon underline-offset-4 hover:underline">
            Ask for a new reset link
          </Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <Field
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        errors={state.fields?.password}
      />
      <SubmitButton pending={pending} pendingLabel="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </form>
  );
}
