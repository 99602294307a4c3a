'use client';

import { useActionState } from 'react';
import { FormStatus } from '@/components/auth/form-status';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import type { ButtonProps } from '@/components/ui/button';
import { useFadingSuccess } from './fading';

/**
 * A one-button form for a write that needs no input (archive, fulfil, disable…): hidden fields
 * name the target, the outcome is announced beside the button.
 */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  variant,
  confirm,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  variant?: ButtonProps['variant'];
  confirm?: string;
}) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  return (
    <form
      action={formAction}
      className="grid gap-2"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <SubmitButton pending={pending} pendingLabel={pendingLabel} variant={variant}>
          {label}
        </SubmitButton>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
