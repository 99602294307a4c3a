import type { z } from 'zod';
import type { FieldErrors } from './index';

/** Zod issues as `{ "shippingAddress.city": ["Required"] }`, the shape forms and API clients read. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
