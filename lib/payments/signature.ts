import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/config/env';
import { ValidationError } from '@/lib/errors';

export const SIGNATURE_HEADER = 'arcade-signature';
/** Older events are refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/**
 * The shared secret of the payment provider. Without PAYMENT_WEBHOOK_SECRET (a laptop, embedded
 * defaults) it is derived from AUTH_SECRET, which is never sent anywhere.
 */
export function webhookSecret(): string {
  const { PAYMENT_WEBHOOK_SECRET, AUTH_SECRET } = env();
  if (PAYMENT_WEBHOOK_SECRET) return PAYMENT_WEBHOOK_SECRET;
  if (!AUTH_SECRET)
    throw new Error('PAYMENT_WEBHOOK_SECRET (or AUTH_SECRET) is required to sign payment webhooks');
  return createHmac('sha256', AUTH_SECRET).update('payment-webhook-secret').digest('base64url');
}

function digest(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** `t=<unix seconds>,v1=<hex hmac of "t.body">`, the scheme Stripe made familiar. */
export function signPayload(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  secret = webhookSecret(),
): string {
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
}

/** Throws a 400 for a missing, malformed, wrong or stale signature. */
export function verifySignature(
  body: string,
  header: string | null | undefined,
  now = Math.floor(Date.now() / 1000),
  secret = webhookSecret(),
): void {
  if (!header) throw new ValidationError('Missing signature.');
  const parts = new Map<string, string[]>();
  for (const piece of header.split(',')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const k = piece.slice(0, eq).trim();
    parts.set(k, [...(parts.get(k) ?? []), piece.slice(eq + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  const candidates = parts.get('v1') ?? [];
  if (!Number.isInteger(t) || !candidates.length) throw new ValidationError('Malformed signature.');
  if (Math.abs(now - t) > SIGNATURE_TOLERANCE_SECONDS)
    throw new ValidationError('Signature timestamp is too old.');
  const expected = Buffer.from(digest(secret, t, body));
  const match = candidates.some((c) => {
    const given = Buffer.from(c);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!match) throw new ValidationError('Bad signature.');
}
