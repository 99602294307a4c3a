import 'server-only';
import { env } from '@/lib/config/env';
import { ipBucket } from '@/lib/http/client-ip';
import { enforceRateLimits, subjectOf, type RateCheck } from '@/lib/ratelimit';

type Flow = 'login' | 'register' | 'recovery';

/**
 * Every credential flow is limited twice: per client address (one source trying many accounts)
 * and per email (many sources trying one account). Unknown emails count exactly like known ones,
 * so the limits themselves reveal nothing.
 */
function authRateChecks(flow: Flow, email: string, ip: string): RateCheck[] {
  const e = env();
  const perIp = {
    login: e.RATE_LIMIT_LOGIN_IP,
    register: e.RATE_LIMIT_REGISTER_IP,
    recovery: e.RATE_LIMIT_RECOVERY_IP,
  }[flow];
  const perEmail = {
    login: e.RATE_LIMIT_LOGIN_EMAIL,
    register: e.RATE_LIMIT_REGISTER_EMAIL,
    recovery: e.RATE_LIMIT_RECOVERY_EMAIL,
  }[flow];
  return [
    { rule: { name: `${flow}:ip`, ...perIp }, subject: ipBucket(ip) },
    { rule: { name: `${flow}:email`, ...perEmail }, subject: subjectOf(email) },
  ];
}

export function limitAuthAttempt(flow: Flow, email: string, ip: string): Promise<void> {
  return enforceRateLimits(authRateChecks(flow, email, ip));
}
