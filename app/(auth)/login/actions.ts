'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/actions/validated';
import {
  loginSchema,
  safeReturnPath,
  sessionTokenFromCookies,
  signInWithPassword,
  signOutToken,
  storeSessionCookie,
} from '@/lib/auth';
import { adoptGuestCart } from '@/lib/cart/session';
import { requestMeta } from '@/lib/http/request-meta';

export const loginAction = validatedAction(loginSchema, async (input, formData) => {
  const previous = await sessionTokenFromCookies();
  const { user, cookie } = await signInWithPassword(input, requestMeta(await headers()));
  await storeSessionCookie(cookie);
  await adoptGuestCart(user.id);
  // A new session id at every login; whatever this browser held before is revoked.
  await signOutToken(previous);
  redirect(safeReturnPath(formData.get('callbackUrl')));
});
