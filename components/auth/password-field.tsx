'use client';

import { Eye, EyeOff } from 'lucide-react';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { FieldMessages, useFieldMessages } from './field';
import { preloadPasswordEstimator, type PasswordOwner } from '@/lib/auth/password-strength';
import { PasswordStrength } from './password-strength';

type PasswordFieldProps = Omit<ComponentProps<'input'>, 'id' | 'name' | 'type'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** A new password: show how guessable it is while it is typed. */
  strength?: boolean;
};

/**
 * A password input with a show/hide button, so a long passphrase can be checked before it is
 * sent. The button keeps one label and says whether it is on with `aria-pressed`.
 */
export function PasswordField({
  name,
  label,
  hint,
  errors,
  required,
  strength = false,
  onChange,
  onFocus,
  ...input
}: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  const [typed, setTyped] = useState<{ password: string; owner: PasswordOwner }>({
    password: '',
    owner: {},
  });
  const shownHint = withoutRepeat(hint, errors?.[0]);
  const { id, error, describedBy } = useFieldMessages(errors, shownHint);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <Input
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          required={required}
          aria-required={required || undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          className="pr-11"
          onFocus={(event) => {
            // Fetch the dictionaries while the person types, not on page load.
            if (strength) preloadPasswordEstimator();
            onFocus?.(event);
          }}
          onChange={(event) => {
            const { value, form } = event.currentTarget;
            setTyped({ password: value, owner: ownerFromForm(form) });
            onChange?.(event);
          }}
          {...input}
        />
        <button
          type="button"
          aria-label="Show password"
          aria-pressed={visible}
          aria-controls={id}
          onClick={() => setVisible((v) => !v)}
          className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-md text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          {visible ? (
            <EyeOff aria-hidden className="size-4" />
          ) : (
            <Eye aria-hidden className="size-4" />
          )}
        </button>
      </div>
      {strength ? <PasswordStrength password={typed.password} owner={typed.owner} /> : null}
      <FieldMessages id={id} error={error} hint={shownHint} />
    </div>
  );
}

/** On the register form the email and name are typed alongside: the hint weighs them as the server will. */
function ownerFromForm(form: HTMLFormElement | null): PasswordOwner {
  const text = (field: string) => {
    const input = form?.elements.namedItem(field);
    return input instanceof HTMLInputElement ? input.value : undefined;
  };
  return { email: text('email'), name: text('name') };
}

/** The server's refusal repeats the rule word for word: say it once, keeping the rest of the hint. */
function withoutRepeat(hint: ReactNode, error: string | undefined): ReactNode {
  if (!error || typeof hint !== 'string' || !hint.includes(error)) return hint;
  return hint.replace(error, '').trim() || undefined;
}
