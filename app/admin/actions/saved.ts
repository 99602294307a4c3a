import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/validated';

/** Any admin write can move a count, badge or list on another admin page, so all of them refresh. */
export function saved(message: string): ActionState {
  revalidatePath('/admin', 'layout');
  return { ok: true, message };
}
