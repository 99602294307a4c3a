import 'server-only';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/config/env';

export const GUEST_COOKIE = 'arcade_guest_cart';
export const GUEST_COOKIE_MAX_AGE = 60 * 60 * 24 * 30;

function secret(): string {
  const s = env().AUTH_SECRET;
  if (!s) throw new Error('AUTH_SECRET is required to sign guest cart cookies');
  return s;
}

function mac(guestId: string): string {
  return createHmac('sha256', secret()).update(`guest-cart:${guestId}`).digest('base64url');
}

export function newGuestId(): string {
  return randomUUID();
}

/** `<id>.<hmac>`: a shopper cannot point their cookie at someone else's guest cart. */
export function signGuestId(guestId: string): string {
  return `${guestId}.${mac(guestId)}`;
}

export function verifyGuestCookie(value: string | undefined | null): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const guestId = value.slice(0, dot);
  if (!/^[0-9a-f-]{36}$/.test(guestId)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(mac(guestId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? guestId : null;
}
