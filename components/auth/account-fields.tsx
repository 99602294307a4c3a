'use client';

import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/validated';
import { Field } from './field';
import { PasswordField } from './password-field';
import { PASSWORD_HINT } from './types';

/*
 * The account's fields as every form asks for them, so the autofill hints that password managers
 * pair up and the limits the server enforces cannot drift from one form to another.
 */

type FromState = { state: ActionState<unknown> };

export function EmailField({ state }: FromState) {
  return (
    <Field
      name="email"
      label="Email"
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      defaultValue={state.values?.email}
      errors={state.fields?.email}
    />
  );
}

/** `defaultValue` is the saved name; what the user just submitted wins over it. */
export function NameField({ state, defaultValue }: FromState & { defaultValue?: string }) {
  return (
    <Field
      name="name"
      label="Name"
      autoComplete="name"
      required
      maxLength={80}
      defaultValue={state.values?.name ?? defaultValue}
      errors={state.fields?.name}
    />
  );
}

/** Never refilled after an error: the server does not send passwords back. */
export function NewPasswordField({
  state,
  name = 'password',
  label,
  hint = PASSWORD_HINT,
}: FromState & { name?: string; label: string; hint?: ReactNode }) {
  return (
    <PasswordField
      name={name}
      label={label}
      autoComplete="new-password"
      required
      strength
      hint={hint}
      errors={state.fields?.[name]}
    />
  );
}
