import { Label } from '@/components/ui/label';

export type Country = { code: string; name: string };

/** A country from the ISO 3166 list, as a native select (keyboard search, autofill, no JS needed). */
export function CountrySelect(props: {
  id: string;
  name: string;
  label: string;
  countries: readonly Country[];
  value?: string;
  defaultValue?: string;
  onChange?: (code: string) => void;
  error?: string;
  autoComplete: string;
  className?: string;
}) {
  return (
    <div className={props.className ?? 'flex flex-col gap-2'}>
      <Label htmlFor={props.id}>{props.label}</Label>
      <select
        id={props.id}
        name={props.name}
        value={props.value}
        defaultValue={props.value === undefined ? props.defaultValue : undefined}
        onChange={(e) => props.onChange?.(e.target.value)}
        autoComplete={props.autoComplete}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        className="h-10 rounded-md border border-input bg-background px-3 text-sm"
      >
        <option value="">Choose a country</option>
        {props.countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      {props.error && (
        <p id={`${props.id}-error`} className="text-sm text-danger-text">
          {props.error}
        </p>
      )}
    </div>
  );
}
