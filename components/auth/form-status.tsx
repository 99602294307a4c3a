'use client';

import { CircleAlert, CircleCheck } from 'lucide-react';
import { useEffect, useRef, type RefObject } from 'react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import type { ActionState } from '@/lib/actions/validated';

/** The form-level outcome: an alert for failures, a status message for successes. */
export function FormStatus({ state }: { state: ActionState<unknown> }) {
  if (!state.message) return null;
  return state.ok ? (
    <Alert variant="success">
      <CircleCheck aria-hidden="true" />
      <AlertDescription>{state.message}</AlertDescription>
    </Alert>
  ) : (
    <Alert variant="destructive">
      <CircleAlert aria-hidden="true" />
      <AlertDescription>{state.message}</AlertDescription>
    </Alert>
  );
}

/** After a failed submit, moves keyboard focus to the first field the server flagged. */
export function useFocusFirstInvalid(
  formRef: RefObject<HTMLFormElement | null>,
  state: ActionState<unknown>,
) {
  const seen = useRef(state);
  useEffect(() => {
    if (seen.current === state) return;
    seen.current = state;
    if (state.ok || !state.fields) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [formRef, state]);
}
