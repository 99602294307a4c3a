import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import {
  safeReturnPath,
  sessionTokenFromCookies,
  signOutToken,
  storeSessionCookie,
  type SignedIn,
} from '@/lib/auth';
import { adoptGuestCart } from '@/lib/cart/session';
import { requestMeta, type RequestMeta } from '@/lib/http/request-meta';

/**
 * The tail every sign-in form shares (login, registration): the browser gets the new session's
 * cookie and keeps its guest cart, and goes back where it came from.
 */
export async function completeSignIn(
  signIn: (meta: RequestMeta) => Promise<SignedIn>,
  formData: FormData,
): Promise<never> {
  const previous = await sessionTokenFromCookies();
  const { user, cookie } = await signIn(requestMeta(await headers()));
  await storeSessionCookie(cookie);
  await adoptGuestCart(user.id);
  // A new session id at every sign-in; whatever this browser held before is revoked.
  await signOutToken(previous);
  redirect(safeReturnPath(formData.get('callbackUrl')));
}
