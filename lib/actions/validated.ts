import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { describeError, DomainError, type FieldErrors } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/errors/zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/http/text';
import { log } from '@/lib/log';

/** What every server action returns to `useActionState`. */
export type ActionState<T = undefined> = {
  ok: boolean;
  message?: string;
  fields?: FieldErrors;
  /** The submitted values, so a form can keep them after an error (never passwords). */
  values?: Record<string, string>;
  data?: T;
};

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of formData) {
    if (typeof v === 'string' && !/password|token/i.test(k)) values[k] = v;
  }
  return values;
}

/**
 * Schema-first server action: parses the form with zod, runs `fn`, and maps domain errors to
 * form state in one place.
 */
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  fn: (input: z.infer<S>, formData: FormData) => Promise<ActionState<T> | void>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const values = formValues(formData);
    const unstorable = [...formData].find(
      ([k, v]) => !isStorableText(k) || (typeof v === 'string' && !isStorableText(v)),
    );
    if (unstorable)
      return {
        ok: false,
        message: UNSTORABLE_TEXT_MESSAGE,
        fields: { [unstorable[0]]: [UNSTORABLE_TEXT_MESSAGE] },
        values,
      };
    // Async: some rules load data on first use (the password strength dictionaries).
    const parsed = await schema.safeParseAsync(Object.fromEntries(formData));
    if (!parsed.success) {
      return {
        ok: false,
        message: 'Please correct the highlighted fields.',
        fields: fieldErrorsOf(parsed.error),
        values,
      };
    }
    try {
      return (await fn(parsed.data, formData)) ?? { ok: true };
    } catch (err) {
      // redirect(), notFound() and forbidden() throw control-flow errors that Next must see.
      unstable_rethrow(err);
      if (!(err instanceof DomainError)) log.error({ err }, 'unhandled error in server action');
      const { body } = describeError(err);
      return { ok: false, message: body.error.message, fields: body.error.fields, values };
    }
  };
}
