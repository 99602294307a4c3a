export type Role = 'customer' | 'admin';
export type UserStatus = 'active' | 'disabled';

/** What the API and the UI may show about a user. */
export type PublicUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user of a request, with the server-side session that vouches for them. */
export type SessionUser = PublicUser & { sid: string };

export type SessionInfo = {
  id: string;
  device: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
};

export function publicUser(user: PublicUser): PublicUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
