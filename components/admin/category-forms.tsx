'use client';

import { ArrowDown, ArrowUp } from 'lucide-react';
import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { FormStatus } from '@/components/auth/form-status';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { Button } from '@/components/ui/button';
import { useFadingSuccess } from './fading';
import { Field, sentFields } from './fields';

export function NewCategoryForm({ action }: { action: FormAction }) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  const field = sentFields(state);
  return (
    <ActionForm state={state} action={formAction} aria-label="New category" className="grid gap-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field {...field('name')} label="Name" required />
        <Field {...field('slug')} label="Slug" hint="Optional" />
        <Field {...field('description')} label="Description" />
      </div>
      <div>
        <SubmitButton pending={pending} pendingLabel="Adding…">
          Add category
        </SubmitButton>
      </div>
    </ActionForm>
  );
}

export function RenameCategoryForm({
  action,
  id,
  name,
}: {
  action: FormAction;
  id: string;
  name: string;
}) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  return (
    <form action={formAction} noValidate aria-label={`Rename ${name}`} className="grid gap-2">
      <input type="hidden" name="id" value={id} />
      <div className="flex items-end gap-2">
        <Field
          name="name"
          label={`Name of ${name}`}
          defaultValue={state.ok ? undefined : (state.values?.name ?? name)}
          errors={state.fields?.name}
        />
        <SubmitButton pending={pending} pendingLabel="Saving…" variant="secondary">
          Rename
        </SubmitButton>
      </div>
      {state.message && !state.fields ? <FormStatus state={state} /> : null}
    </form>
  );
}

export function MoveCategoryButtons({
  action,
  id,
  name,
  first,
  last,
}: {
  action: FormAction;
  id: string;
  name: string;
  first: boolean;
  last: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="flex gap-1" aria-label={`Move ${name}`}>
      <input type="hidden" name="id" value={id} />
      <MoveButton direction="up" name={name} disabled={first || pending} />
      <MoveButton direction="down" name={name} disabled={last || pending} />
      {!state.ok && state.message ? (
        <span role="alert" className="text-xs text-danger-text">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}

function MoveButton({
  direction,
  name,
  disabled,
}: {
  direction: 'up' | 'down';
  name: string;
  disabled: boolean;
}) {
  const Arrow = direction === 'up' ? ArrowUp : ArrowDown;
  return (
    <Button
      type="submit"
      name="direction"
      value={direction}
      size="icon-sm"
      variant="ghost"
      disabled={disabled}
      aria-label={`Move ${name} ${direction}`}
    >
      <Arrow aria-hidden="true" />
    </Button>
  );
}
