import 'server-only';
import type { z } from 'zod';
import { describeError, DomainError, type FieldErrors } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/errors/zod';
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
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { ok: false, message: 'Please correct the highlighted fields.', fields: fieldErrorsOf(parsed.error), values };
    }
    try {
      return (await fn(parsed.data, formData)) ?? { ok: true };
    } catch (err) {
      // redirect() and notFound() throw control-flow errors that Next must see.
      if (isNextControlFlow(err)) throw err;
      if (!(err instanceof DomainError)) log.error({ err }, 'unhandled error in server action');
      const { body } = describeError(err);
      return { ok: false, message: body.error.message, fields: body.error.fields, values };
    }
  };
}

function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK') || digest === 'NEXT_NOT_FOUND');
}
