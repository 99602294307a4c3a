'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { NewPasswordField } from './account-fields';
import { ActionForm } from './action-form';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

export function ResetPasswordForm({ action, token }: { action: FormAction; token: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const tokenProblem = state.fields?.token?.[0];
  return (
    <ActionForm
      state={state}
      action={formAction}
      className="grid gap-4"
      aria-label="Choose a new password"
    >
      {tokenProblem ? (
        <p className="text-sm">
          <Link href="/forgot-password" className="text-neon underline-offset-4 hover:underline">
            Ask for a new reset link
          </Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordField state={state} label="New password" />
      <SubmitButton pending={pending} pendingLabel="Saving…" className="w-full">
        Set new password
      </SubmitButton>
    </ActionForm>
  );
}
