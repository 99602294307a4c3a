import { isIP } from 'node:net';

/**
 * The bucket every request without a trustworthy address shares.
 *
 * Next.js has no socket address, and `next start` only fills in `X-Forwarded-For` when the client
 * did not send one, so without a proxy we control the header is whatever the client wants it to be.
 * Keying limits on a value the attacker picks would hand out a fresh bucket per request; one shared
 * bucket keeps per-IP limits meaningful (if coarse) and the per-email limits still protect each
 * account. Deployments behind nginx, a load balancer or Vercel set TRUST_PROXY to get real buckets.
 */
export const UNKNOWN_IP = 'unknown';

type HeaderSource = Pick<Headers, 'get'>;

/**
 * The client address as our own proxy saw it: the rightmost `X-Forwarded-For` entry, which is the
 * one the proxy appended (entries to its left came from the client and prove nothing).
 */
export function clientIp(headers: HeaderSource, trustProxy: boolean): string {
  if (!trustProxy) return UNKNOWN_IP;
  const forwarded = headers.get('x-forwarded-for');
  const candidate = forwarded?.split(',').at(-1)?.trim() || headers.get('x-real-ip')?.trim();
  return normaliseIp(candidate);
}

/** Strips ports, brackets and the IPv4-mapped IPv6 prefix; anything that is not an IP is unknown. */
export function normaliseIp(raw: string | undefined | null): string {
  if (!raw) return UNKNOWN_IP;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value))
    value = value.slice(0, value.lastIndexOf(':'));
  if (value.toLowerCase().startsWith('::ffff:') && isIP(value.slice(7)) === 4)
    value = value.slice(7);
  return isIP(value) ? value.toLowerCase() : UNKNOWN_IP;
}

/**
 * The key rate limits count an address under. One IPv6 subscriber usually holds a whole /64, so
 * counting single v6 addresses would let one machine rotate through billions of buckets.
 */
export function ipBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) counts as two groups; it never reaches /64 anyway.
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) =>
    g.replace(/^0+(?=.)/, ''),
  );
}
