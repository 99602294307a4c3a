import type { ActionState } from '@/lib/actions/validated';

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;
export const initialState: ActionState = { ok: false };
