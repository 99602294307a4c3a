import 'server-only';

/*
 * The authentication capability. Pages, server actions and route handlers use these functions;
 * nothing outside lib/auth touches sessions, password hashes or the session cookie directly.
 */
export {
  currentUser,
  requireUser,
  requireAdmin,
  requirePageUser,
  requirePageAdmin,
  safeReturnPath,
  loginPath,
  userFromSessionToken,
  userFromClaims,
} from './guards';
export { signInWithPassword, type SignedIn } from './login';
export {
  registerAccount,
  updateProfile,
  changePassword,
  disableUser,
  enableUser,
  REGISTER_REFUSED_MESSAGE,
} from './accounts';
export {
  requestPasswordReset,
  resetPassword,
  issueResetToken,
  RECOVERY_ACCEPTED_MESSAGE,
  RECOVERY_UNAVAILABLE_MESSAGE,
} from './recovery';
export { signOutToken, revokeOwnSession, signOutEverywhere } from './signout';
export { createSession, listSessions } from './sessions';
export { revokeSession, revokeAllSessions, refreshUserSessions } from './revocation';
export {
  sessionCookie,
  clearedSessionCookie,
  sessionCookieName,
  type CookieToSet,
  type SessionClaims,
} from './cookie';
export { storeSessionCookie, clearSessionCookie, sessionTokenFromCookies } from './next-cookies';
export * from './schemas';
export * from './types';
export {
  withSessionCookie,
  withoutSessionCookie,
  sessionTokenOf,
  PRIVATE_NO_STORE,
} from './responses';
