'use client';

import { CircleAlert, CircleCheck } from 'lucide-react';
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
