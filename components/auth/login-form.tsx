'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { EmailField } from './account-fields';
import { ActionForm } from './action-form';
import { PasswordField } from './password-field';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function LoginForm({ action, callbackUrl }: { action: FormAction; callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <ActionForm state={state} action={formAction} className="grid gap-4" aria-label="Sign in">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <EmailField state={state} />
      <PasswordField
        name="password"
        label="Password"
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
    </ActionForm>
  );
}
