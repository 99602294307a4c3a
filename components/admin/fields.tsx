'use client';

import { useId, type ComponentProps, type ReactNode } from 'react';
import { Label } from '@/components/ui/label';
import { cn } from '@/components/ui/cn';

export { Field } from '@/components/auth/field';

const control =
  'w-full min-w-0 rounded-md border border-input bg-background/60 px-3 py-2 text-base text-foreground outline-none transition-colors md:text-sm focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40 aria-invalid:border-danger-text';

type Described = { name: string; label: ReactNode; hint?: ReactNode; errors?: string[] };

/** Wires a label, hint and first error to a control the way `Field` does for inputs. */
function useDescribed(errors?: string[], hint?: ReactNode) {
  const id = useId();
  const error = errors?.[0];
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') ||
    undefined;
  return { id, error, describedBy };
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
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

export function TextareaField({
  name,
  label,
  hint,
  errors,
  className,
  required,
  ...props
}: Described & Omit<ComponentProps<'textarea'>, 'name' | 'id'>) {
  const { id, error, describedBy } = useDescribed(errors, hint);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-muted-foreground">
            {' '}
            *
          </span>
        ) : null}
      </Label>
      <textarea
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(control, 'min-h-28', className)}
        {...props}
      />
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  name,
  label,
  hint,
  errors,
  options,
  className,
  required,
  ...props
}: Described & { options: readonly Option[] } & Omit<ComponentProps<'select'>, 'name' | 'id'>) {
  const { id, error, describedBy } = useDescribed(errors, hint);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-muted-foreground">
            {' '}
            *
          </span>
        ) : null}
      </Label>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(control, 'h-10 py-0', className)}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}
