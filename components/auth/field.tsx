'use client';

import { useId, type ComponentProps, type ReactNode } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';

type FieldProps = Omit<ComponentProps<'input'>, 'id' | 'name'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Messages from the server's field errors; the first is shown. */
  errors?: string[];
};

/**
 * Ids for a control and its messages, with the `aria-describedby` that ties the shown error and
 * hint to it, so a screen reader reads the problem together with the field.
 */
export function useFieldMessages(errors?: string[], hint?: ReactNode) {
  const id = useId();
  const error = errors?.[0];
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') ||
    undefined;
  return { id, error, describedBy };
}

export function FieldMessages({
  id,
  error,
  hint,
}: {
  id: string;
  error?: string;
  hint?: ReactNode;
}) {
  return (
    <>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger-text">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input with its first error and its hint announced with it. */
export function Field({ name, label, hint, errors, required, ...input }: FieldProps) {
  const { id, error, describedBy } = useFieldMessages(errors, hint);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
