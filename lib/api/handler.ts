import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { describeError, DomainError, ValidationError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/errors/zod';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { log } from '@/lib/log';

export type RouteContext<P> = { params: Promise<P> };

type HandlerArgs<P> = { req: NextRequest; params: P; requestId: string };

/** Turns any thrown value into the API's JSON error shape; unexpected errors are logged, never shown. */
export function errorResponse(err: unknown, requestId: string): NextResponse {
  const { status, body, retryAfter } = describeError(err);
  if (!(err instanceof DomainError)) {
    log.error({ err, requestId }, 'unhandled error in route handler');
  }
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (retryAfter) headers['retry-after'] = String(retryAfter);
  return NextResponse.json(body, { status, headers });
}

/**
 * Wraps a route handler: request id, error mapping, and nothing else. Use `parseJson` /
 * `parseQuery` inside for input.
 */
export function route<P = Record<string, never>>(
  fn: (args: HandlerArgs<P>) => Promise<Response>,
): (req: NextRequest, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    const requestId = req.headers.get('x-request-id') ?? randomUUID();
    const started = performance.now();
    let res: Response;
    try {
      const params = (ctx?.params ? await ctx.params : {}) as P;
      res = await fn({ req, params, requestId });
      res.headers.set('x-request-id', requestId);
    } catch (err) {
      res = errorResponse(err, requestId);
    }
    // Refusals (bad input, auth failures, rate limits) are what an operator looks for; successful
    // requests stay out of the log to keep the hot path quiet.
    if (res.status >= 400) {
      log.info(
        { requestId, method: req.method, path: req.nextUrl.pathname, status: res.status, ms: Math.round(performance.now() - started) },
        'request refused',
      );
    }
    return res;
  };
}

/**
 * State-changing JSON routes accept only JSON from our own origin: a form post from another site
 * cannot send `application/json` without a preflight, and a browser's Origin header must match.
 */
export function assertSameOriginJson(req: NextRequest): void {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new DomainError('validation', 415, 'Send the request body as application/json.');
  }
  assertSameOrigin(req);
}

/** Reads and validates a JSON body (same-origin JSON only); bad input is a 400 with field errors. */
export async function parseJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  assertSameOriginJson(req);
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ValidationError('Some fields are invalid.', fieldErrorsOf(result.error));
  return result.data;
}

/**
 * For actions whose body is optional (a refund reason): an empty body validates as `{}`; any
 * other body is held to the same rules as `parseJson`.
 */
export async function parseOptionalJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  if (!req.headers.get('content-type') && (await req.clone().text()) === '') {
    assertSameOrigin(req);
    const result = schema.safeParse({});
    if (!result.success) throw new ValidationError('Some fields are invalid.', fieldErrorsOf(result.error));
    return result.data;
  }
  return parseJson(req, schema);
}

/** Validates query parameters (repeated keys become arrays). */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [k, v] of req.nextUrl.searchParams) {
    const prev = raw[k];
    raw[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new ValidationError('Some query parameters are invalid.', fieldErrorsOf(result.error));
  return result.data;
}

export function json(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
