'use client';

import type { ComponentProps, ReactNode } from 'react';
import { FieldMessages, useFieldMessages } from '@/components/auth/field';
import { cn } from '@/components/ui/cn';
import { Label } from '@/components/ui/label';

export { Field } from '@/components/auth/field';

const control =
  'w-full min-w-0 rounded-md border border-input bg-background/60 px-3 py-2 text-base text-foreground outline-none transition-colors md:text-sm focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/40 aria-invalid:border-danger-text';

type Described = { name: string; label: ReactNode; hint?: ReactNode; errors?: string[] };

/** The star only marks the field for sighted users; the control's `required` tells the rest. */
function RequiredLabel({
  id,
  required,
  children,
}: {
  id: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <Label htmlFor={id}>
      {children}
      {required ? (
        <span aria-hidden="true" className="text-muted-foreground">
          {' '}
          *
        </span>
      ) : null}
    </Label>
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
  const { id, error, describedBy } = useFieldMessages(errors, hint);
  return (
    <div className="grid gap-1.5">
      <RequiredLabel id={id} required={required}>
        {label}
      </RequiredLabel>
      <textarea
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(control, 'min-h-28', className)}
        {...props}
      />
      <FieldMessages id={id} error={error} hint={hint} />
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
  const { id, error, describedBy } = useFieldMessages(errors, hint);
  return (
    <div className="grid gap-1.5">
      <RequiredLabel id={id} required={required}>
        {label}
      </RequiredLabel>
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
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}
