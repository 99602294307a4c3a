import { env } from '@/lib/config/env';
import { clientIp } from './client-ip';

/** What auth records about the request that opened a session or asked for a limit. */
export type RequestMeta = { ip: string; userAgent: string | null };

/** Longest user agent we keep: enough to name the device, not a free storage slot for clients. */
const MAX_USER_AGENT = 512;

export function requestMeta(headers: Pick<Headers, 'get'>): RequestMeta {
  const userAgent = headers.get('user-agent')?.slice(0, MAX_USER_AGENT) || null;
  return { ip: clientIp(headers, env().TRUST_PROXY), userAgent };
}
