import type { ActionState } from '@/lib/actions/validated';

/** A server action made with `validatedAction`, handed to a form by its page. */
export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export const initialFormState: ActionState = { ok: false };

export const PASSWORD_HINT =
  'At least 8 characters and at most 72 bytes (fewer characters with accents or emoji).';
