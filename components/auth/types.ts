import type { ActionState } from '@/lib/actions/validated';
import { PASSWORD_RULE } from '@/lib/auth/password-strength';

/** A server action made with `validatedAction`, handed to a form by its page. */
export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export const initialFormState: ActionState = { ok: false };

/** The server's own wording, so the hint and a refusal say the same thing. */
export const PASSWORD_HINT = PASSWORD_RULE;
