import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { CountrySelect, type Country } from './country-select';

type Errors = Record<string, string[]>;

function Field(props: {
  name: string;
  label: string;
  errors: Errors;
  autoComplete: string;
  defaultValue?: string;
  optional?: boolean;
  className?: string;
}) {
  const id = `address-${props.name}`;
  const error = props.errors[`shippingAddress.${props.name}`]?.[0];
  return (
    <div className={props.className ?? 'flex flex-col gap-2'}>
      <Label htmlFor={id}>
        {props.label}
        {props.optional && <span className="ml-1 text-muted-foreground">(optional)</span>}
      </Label>
      <Input
        id={id}
        name={props.name}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        required={!props.optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger-text">
          {error}
        </p>
      )}
    </div>
  );
}

export function AddressFields({
  defaultName,
  errors,
  countries,
  country,
  onCountry,
}: {
  defaultName: string;
  errors: Errors;
  countries: readonly Country[];
  country: string;
  onCountry: (code: string) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        name="name"
        label="Full name"
        autoComplete="name"
        defaultValue={defaultName}
        errors={errors}
        className="flex flex-col gap-2 sm:col-span-2"
      />
      <Field
        name="line1"
        label="Address"
        autoComplete="address-line1"
        errors={errors}
        className="flex flex-col gap-2 sm:col-span-2"
      />
      <Field
        name="line2"
        label="Address line 2"
        autoComplete="address-line2"
        optional
        errors={errors}
        className="flex flex-col gap-2 sm:col-span-2"
      />
      <Field name="city" label="City" autoComplete="address-level2" errors={errors} />
      <Field name="postalCode" label="Postal code" autoComplete="postal-code" errors={errors} />
      <CountrySelect
        id="address-country"
        name="country"
        label="Country"
        autoComplete="country"
        countries={countries}
        value={country}
        onChange={onCountry}
        error={errors['shippingAddress.country']?.[0]}
      />
    </div>
  );
}
