import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { resolvePrincipal, type Access, type Principal } from '@/lib/access/principal';
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

/** Who may run an action; `none` for the public forms (login, register, recovery). */
export type ActionOptions<A extends Access = Access> = { auth: A };

type ActionBody<S extends z.ZodType, T, A extends Access> = (
  input: z.infer<S>,
  formData: FormData,
  principal: Principal<A>,
) => Promise<ActionState<T> | void>;

/** A wrapped action, carrying its declaration so access tests can read what it promises. */
export type DeclaredAction<T> = ((
  prev: ActionState<T>,
  formData: FormData,
) => Promise<ActionState<T>>) & { readonly auth: Access };

/**
 * Schema-first server action: authorises the caller as declared (before the form is looked at),
 * parses the form with zod, runs `fn` with the user or admin actor, and maps domain errors to
 * form state in one place.
 */
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  fn: ActionBody<S, T, 'admin'>,
  options: ActionOptions<'admin'>,
): DeclaredAction<T>;
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  fn: ActionBody<S, T, 'user'>,
  options: ActionOptions<'user'>,
): DeclaredAction<T>;
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  fn: ActionBody<S, T, 'optional'>,
  options: ActionOptions<'optional'>,
): DeclaredAction<T>;
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  fn: ActionBody<S, T, 'none'>,
  options?: ActionOptions<'none'>,
): DeclaredAction<T>;
export function validatedAction<S extends z.ZodType, T = undefined>(
  schema: S,
  body: (input: never, formData: FormData, principal: never) => Promise<ActionState<T> | void>,
  options: ActionOptions = { auth: 'none' },
): DeclaredAction<T> {
  // The overloads tie the body's arguments to the declared access; here it is any of them.
  const fn = body as ActionBody<S, T, Access>;
  const action = async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const values = formValues(formData);
    let principal: Principal<Access>;
    try {
      principal = await resolvePrincipal(options.auth);
    } catch (err) {
      return refusal(err, values);
    }
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
      return (await fn(parsed.data, formData, principal)) ?? { ok: true };
    } catch (err) {
      return refusal(err, values);
    }
  };
  return Object.assign(action, { auth: options.auth });
}

/** A thrown error as form state; redirect(), notFound() and forbidden() go on to Next. */
function refusal<T>(err: unknown, values: Record<string, string>): ActionState<T> {
  unstable_rethrow(err);
  if (!(err instanceof DomainError)) log.error({ err }, 'unhandled error in server action');
  const { body } = describeError(err);
  return { ok: false, message: body.error.message, fields: body.error.fields, values };
}
