import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authConfig } from './auth.config';
import { loginSchema, revokeSession, signInWithPassword, userFromClaims } from '@/lib/auth';
import { claimsOf } from '@/lib/auth/cookie';
import { DomainError } from '@/lib/errors';
import { requestMeta } from '@/lib/http/request-meta';

declare module 'next-auth' {
  interface User {
    role?: 'customer' | 'admin';
    sid?: string;
  }
}

/** Auth.js puts `code` into the error redirect: it names the kind of failure, never the account. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/**
 * The full Auth.js configuration: the Credentials provider (the same password check, limits and
 * server-side session as our pages and JSON API) and a jwt callback that drops the cookie of a
 * session that was revoked, expired or whose user was disabled.
 */
const config = {
  ...authConfig,
  providers: [
    Credentials({
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials, request) {
        const input = loginSchema.safeParse(credentials);
        if (!input.success) throw new SignInRefused('invalid_input');
        try {
          const { user } = await signInWithPassword(input.data, requestMeta(request.headers));
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            sid: user.sid,
          };
        } catch (err) {
          if (err instanceof DomainError) throw new SignInRefused(err.code);
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt({ token, user }) {
      if (user?.id && user.sid && user.role)
        return { sub: user.id, sid: user.sid, role: user.role };
      const claims = claimsOf(token);
      if (!claims) return null;
      const live = await userFromClaims(claims);
      if (!live) return null;
      return { ...token, role: live.role };
    },
    session({ session, token }) {
      const claims = claimsOf(token);
      // The session id stays server-side: /api/auth/session is readable by any script on the page.
      if (claims) session.user = { ...session.user, id: claims.sub, role: claims.role };
      return session;
    },
  },
  events: {
    async signOut(message) {
      const claims = 'token' in message ? claimsOf(message.token) : null;
      if (claims) await revokeSession(claims.sid, { userId: claims.sub });
    },
  },
} satisfies NextAuthConfig;

export const { handlers, auth, signIn, signOut } = NextAuth(config);
