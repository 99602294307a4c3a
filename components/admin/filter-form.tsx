import type { ReactNode } from 'react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Field, SelectField, type Option } from './fields';

/** A GET form: filters live in the URL, so a filtered listing can be bookmarked and shared. */
export function FilterForm({
  action,
  label,
  children,
}: {
  action: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className="grid items-end gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      {children}
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button asChild variant="ghost">
          <Link href={action}>Reset</Link>
        </Button>
      </div>
    </form>
  );
}

/** A filter the URL does not carry shows empty, which is also what the form sends for "any". */
export function SearchFilter({
  name,
  label,
  value,
  placeholder,
}: {
  name: string;
  label: string;
  value: string | undefined;
  placeholder: string;
}) {
  return (
    <Field
      name={name}
      label={label}
      type="search"
      defaultValue={value ?? ''}
      placeholder={placeholder}
    />
  );
}

/** A choice whose first option, "any", sends an empty value and so applies no filter. */
export function ChoiceFilter({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  any: string;
  options: readonly Option[];
}) {
  return (
    <SelectField
      name={name}
      label={label}
      defaultValue={value ?? ''}
      options={[{ value: '', label: any }, ...options]}
    />
  );
}

/** Both ends are whole UTC days, as the listings' queries read them. */
export function DateRangeFilter({ from, to }: { from?: string; to?: string }) {
  return (
    <>
      <Field name="from" label="From" type="date" defaultValue={from ?? ''} />
      <Field name="to" label="To" type="date" defaultValue={to ?? ''} />
    </>
  );
}
