'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated';
import {
  changePassword,
  changePasswordSchema,
  clearSessionCookie,
  profileSchema,
  requireUser,
  revokeOwnSession,
  sessionTokenFromCookies,
  signOutEverywhere,
  signOutToken,
  updateProfile,
} from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';

export const updateProfileAction = validatedAction(profileSchema, async (input) => {
  const user = await requireUser();
  await updateProfile(user, input);
  revalidatePath('/account');
  return { ok: true, message: 'Your name was saved.' };
});

export const changePasswordAction = validatedAction(changePasswordSchema, async (input) => {
  const user = await requireUser();
  const { revoked } = await changePassword(user, input, requestMeta(await headers()));
  revalidatePath('/account');
  const others = revoked === 1 ? '1 other session was' : `${revoked} other sessions were`;
  return { ok: true, message: `Your password was changed. ${others} signed out.` };
});

export const revokeSessionAction = validatedAction(
  z.object({ sessionId: z.string().min(1).max(128) }),
  async ({ sessionId }) => {
    const user = await requireUser();
    const { current } = await revokeOwnSession(user, sessionId);
    if (current) {
      await clearSessionCookie();
      redirect('/login');
    }
    revalidatePath('/account');
    return { ok: true, message: 'That session was signed out.' };
  },
);

export const signOutEverywhereAction = validatedAction(z.object({}), async () => {
  const user = await requireUser();
  await signOutEverywhere(user);
  await clearSessionCookie();
  redirect('/login?notice=signed-out-everywhere');
});

export async function signOutAction(): Promise<void> {
  await signOutToken(await sessionTokenFromCookies());
  await clearSessionCookie();
  redirect('/');
}
