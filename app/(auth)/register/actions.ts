'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { adoptGuestCart } from '@/lib/cart/session';
import { validatedAction } from '@/lib/actions/validated';
import {
  registerAccount,
  registerSchema,
  safeReturnPath,
  sessionTokenFromCookies,
  signOutToken,
  storeSessionCookie,
} from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';

export const registerAction = validatedAction(registerSchema, async (input, formData) => {
  const previous = await sessionTokenFromCookies();
  const { user, cookie } = await registerAccount(input, requestMeta(await headers()));
  await storeSessionCookie(cookie);
  await adoptGuestCart(user.id);
  await signOutToken(previous);
  redirect(safeReturnPath(formData.get('callbackUrl')));
});
