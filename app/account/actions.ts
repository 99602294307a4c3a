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
  revokeOwnSession,
  sessionTokenFromCookies,
  signOutEverywhere,
  signOutToken,
  updateProfile,
} from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';

export const updateProfileAction = validatedAction(
  profileSchema,
  async (input, _formData, { user }) => {
    await updateProfile(user, input);
    revalidatePath('/account');
    return { ok: true, message: 'Your name was saved.' };
  },
  { auth: 'user' },
);

export const changePasswordAction = validatedAction(
  changePasswordSchema,
  async (input, _formData, { user }) => {
    const { revoked } = await changePassword(user, input, requestMeta(await headers()));
    revalidatePath('/account');
    const others = revoked === 1 ? '1 other session was' : `${revoked} other sessions were`;
    return { ok: true, message: `Your password was changed. ${others} signed out.` };
  },
  { auth: 'user' },
);

export const revokeSessionAction = validatedAction(
  z.object({ sessionId: z.string().min(1).max(128) }),
  async ({ sessionId }, _formData, { user }) => {
    const { current } = await revokeOwnSession(user, sessionId);
    if (current) {
      await clearSessionCookie();
      redirect('/login');
    }
    revalidatePath('/account');
    return { ok: true, message: 'That session was signed out.' };
  },
  { auth: 'user' },
);

export const signOutEverywhereAction = validatedAction(
  z.object({}),
  async (_input, _formData, { user }) => {
    await signOutEverywhere(user);
    await clearSessionCookie();
    redirect('/login?notice=signed-out-everywhere');
  },
  { auth: 'user' },
);

export async function signOutAction(): Promise<void> {
  await signOutToken(await sessionTokenFromCookies());
  await clearSessionCookie();
  redirect('/');
}
