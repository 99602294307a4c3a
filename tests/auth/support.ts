import { randomBytes, randomInt } from 'node:crypto';
import { NextRequest } from 'next/server';
import { resetEnvForTests } from '@/lib/config/env';

export const ORIGIN = 'http://localhost:3000';

/** Each test gets its own client address and email, so limits and accounts never collide. */
export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}@example.test`;
}

export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** Applies environment overrides for the rest of the file (the env is parsed once, so reset it). */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

type RequestOptions = {
  method?: string;
  body?: unknown;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
};

export function apiRequest(path: string, options: RequestOptions = {}): NextRequest {
  const headers: Record<string, string> = {
    'user-agent':
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
    'x-forwarded-for': options.ip ?? randomIp(),
    ...options.headers,
  };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.cookie) headers.cookie = options.cookie;
  return new NextRequest(`${ORIGIN}${path}`, {
    method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

/** Route handlers take a context with params; static routes ignore it. */
export function ctx<P extends Record<string, string>>(params: P = {} as P) {
  return { params: Promise.resolve(params) };
}

/** "name=value" of the session cookie a response set, for the next request's Cookie header. */
export function sessionCookieOf(res: Response): string {
  const line = res.headers.getSetCookie().find((c) => c.includes('authjs.session-token='));
  if (!line) throw new Error('no session cookie in the response');
  return line.split(';')[0]!;
}

export function clearsSessionCookie(res: Response): boolean {
  return res.headers
    .getSetCookie()
    .some(
      (c) =>
        c.includes('authjs.session-token=;') ||
        /authjs\.session-token=; .*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c),
    );
}

export async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/**
 * Rate limits count in fixed windows aligned to the clock: a test that makes N attempts and
 * expects the next to be refused must not straddle a window's end. Waits out the last seconds of
 * the current minute (hour windows end on a minute boundary too).
 */
export async function awayFromWindowEdge(marginMs = 5_000): Promise<void> {
  const untilEdge = 60_000 - (Date.now() % 60_000);
  if (untilEdge < marginMs) await new Promise((resolve) => setTimeout(resolve, untilEdge + 50));
}
