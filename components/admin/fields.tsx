'use client';

import type { ComponentProps, ReactNode } from 'react';
import { FieldMessages, useFieldMessages } from '@/components/auth/field';
import { cn } from '@/components/ui/cn';
import { Label } from '@/components/ui/label';
import type { ActionState } from '@/lib/actions/validated';

export { Field } from '@/components/auth/field';

const controlLook =
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

type Framing = 'label' | 'hint' | 'errors' | 'className';
type Framable = { name: string; required?: boolean; className?: string };

/** Label, control and messages; the control gets the ids that tie the messages to it. */
function Framed<P extends Framable>({
  label,
  hint,
  errors,
  className,
  look,
  control,
  ...props
}: Omit<Described, 'name'> &
  P & {
    look: string;
    control: (attrs: Omit<P, Framing> & { id: string; className: string }) => ReactNode;
  }) {
  const { id, error, describedBy } = useFieldMessages(errors, hint);
  const { name, required, ...rest } = props;
  // Attributes in the order the controls always had; a generic's rest is opaque to TypeScript.
  const attrs = {
    id,
    name,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    className: cn(controlLook, look, className),
    ...rest,
  } as unknown as Omit<P, Framing> & { id: string; className: string };
  return (
    <div className="grid gap-1.5">
      <RequiredLabel id={id} required={required}>
        {label}
      </RequiredLabel>
      {control(attrs)}
      <FieldMessages id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextareaField(props: Described & Omit<ComponentProps<'textarea'>, 'name' | 'id'>) {
  return <Framed {...props} look="min-h-28" control={(attrs) => <textarea {...attrs} />} />;
}

export type Option = { value: string; label: string };

export function SelectField({
  options,
  ...props
}: Described & { options: readonly Option[] } & Omit<ComponentProps<'select'>, 'name' | 'id'>) {
  return (
    <Framed
      {...props}
      look="h-10 py-0"
      control={(attrs) => (
        // React applies a select's defaultValue only when it mounts, and resets the form after
        // every action: keyed by the value, a failed submit's choice is mounted as the default,
        // so the reset re-selects it instead of the first option.
        <select key={String(props.defaultValue ?? '')} {...attrs}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/** After a failed save the fields keep what was sent, beside its errors; after a success they empty. */
export function sentFields(state: ActionState) {
  const keep = state.ok ? undefined : state.values;
  return (name: string) => ({ name, defaultValue: keep?.[name], errors: state.fields?.[name] });
}
