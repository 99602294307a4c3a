'use client';

import { useEffect, useRef, type ComponentProps, type RefObject } from 'react';
import type { ActionState } from '@/lib/actions/validated';
import { FormStatus } from './form-status';

type ActionFormProps = Omit<ComponentProps<'form'>, 'action' | 'ref' | 'noValidate'> & {
  /** The state `useActionState` returned; the form shows its message and follows its errors. */
  state: ActionState<unknown>;
  action: (formData: FormData) => void;
};

/**
 * A server-action form: the server validates, so the browser's own bubbles are off, the outcome is
 * shown above the fields, and a failed submit moves focus to the first field it flagged.
 */
export function ActionForm({ state, action, children, ...form }: ActionFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, state);
  return (
    <form ref={formRef} action={action} noValidate {...form}>
      <FormStatus state={state} />
      {children}
    </form>
  );
}

function useFocusFirstInvalid(
  formRef: RefObject<HTMLFormElement | null>,
  state: ActionState<unknown>,
) {
  // Only a new state moves focus: a re-render for any other reason must not pull the user back.
  const seen = useRef(state);
  useEffect(() => {
    if (seen.current === state) return;
    seen.current = state;
    if (state.ok || !state.fields) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [formRef, state]);
}
