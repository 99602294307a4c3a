import 'server-only';
import { randomUUID } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { dbErrorCode } from '@/db/errors';
import { resolvePrincipal, type Access, type Principal } from '@/lib/access/principal';
import { describeError, DomainError, ValidationError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/errors/zod';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { log } from '@/lib/log';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '@/lib/http/text';

export type RouteContext<P> = { params: Promise<P> };

type HandlerArgs<P> = { req: NextRequest; params: P; requestId: string };

/**
 * What a route declares about its callers: who may call it (`auth`) and whether a state-changing
 * request (POST, PUT, PATCH, DELETE) must come from our own origin (`sameOrigin`, on unless a
 * machine-to-machine route such as the payment webhook turns it off).
 */
export type RouteOptions<A extends Access = Access> = { auth: A; sameOrigin?: boolean };

type RouteHandler<P, A extends Access> = (args: HandlerArgs<P> & Principal<A>) => Promise<Response>;

/** A wrapped handler, carrying its declaration so access tests can read what it promises. */
export type DeclaredRoute<P> = ((req: NextRequest, ctx: RouteContext<P>) => Promise<Response>) & {
  readonly options: Readonly<Required<RouteOptions>>;
};

/** Turns any thrown value into the API's JSON error shape; unexpected errors are logged, never shown. */
export function errorResponse(err: unknown, requestId: string): NextResponse {
  const { status, body, retryAfter } = describeError(err);
  if (status === 503 && !(err instanceof DomainError)) {
    // The database out of reach: db/client logs the outage once; one line per refused request.
    log.warn({ requestId, code: dbErrorCode(err) }, 'database unavailable: answered 503');
  } else if (!(err instanceof DomainError)) {
    log.error({ err, requestId }, 'unhandled error in route handler');
  }
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (retryAfter) headers['retry-after'] = String(retryAfter);
  return NextResponse.json(body, { status, headers });
}

/** Tags a handler's answer; `Response.redirect()` (Auth.js's) has immutable headers, so it is copied. */
function withRequestId(res: Response, requestId: string): Response {
  try {
    res.headers.set('x-request-id', requestId);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set('x-request-id', requestId);
    return copy;
  }
}

/** Methods that change state: a browser on another site must not be able to send them to us. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Wraps a route handler: request id, same-origin and authentication as declared, error mapping.
 * The caller is refused (403 cross-site, 401/403 by `auth`) before any input is looked at; use
 * `parseJson` / `parseQuery` inside for input.
 */
export function route<P = Record<string, never>>(
  options: RouteOptions<'admin'>,
  fn: RouteHandler<P, 'admin'>,
): DeclaredRoute<P>;
export function route<P = Record<string, never>>(
  options: RouteOptions<'user'>,
  fn: RouteHandler<P, 'user'>,
): DeclaredRoute<P>;
export function route<P = Record<string, never>>(
  options: RouteOptions<'optional'>,
  fn: RouteHandler<P, 'optional'>,
): DeclaredRoute<P>;
export function route<P = Record<string, never>>(
  options: RouteOptions<'none'>,
  fn: RouteHandler<P, 'none'>,
): DeclaredRoute<P>;
export function route<P>(
  options: RouteOptions,
  handlerFn: (args: never) => Promise<Response>,
): DeclaredRoute<P> {
  // The overloads tie the handler's arguments to the declared access; here it is any of them.
  const fn = handlerFn as RouteHandler<P, Access>;
  const declared = { auth: options.auth, sameOrigin: options.sameOrigin ?? true };
  const handler = async (req: NextRequest, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    let res: Response;
    try {
      const params = (ctx?.params ? await ctx.params : {}) as P;
      if (declared.sameOrigin && UNSAFE_METHODS.has(req.method)) assertSameOrigin(req);
      const principal = await resolvePrincipal(declared.auth, req);
      assertStorableInput(req, params);
      res = withRequestId(await fn({ req, params, requestId, ...principal }), requestId);
    } catch (err) {
      res = errorResponse(err, requestId);
    }
    // Refusals (bad input, auth failures, rate limits) are what an operator looks for; successful
    // requests stay out of the log to keep the hot path quiet.
    if (res.status >= 400) {
      log.info(
        {
          requestId,
          method: req.method,
          path: req.nextUrl.pathname,
          status: res.status,
          ms: Math.round(performance.now() - started),
        },
        'request refused',
      );
    }
    // A HEAD answer carries the status and headers of its GET, never a body (errors included).
    if (req.method === 'HEAD')
      return new Response(null, { status: res.status, headers: res.headers });
    return res;
  };
  return Object.assign(handler, { options: Object.freeze(declared) });
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

/**
 * JSON text to a value, refusing NUL characters and lone surrogates in any string or key:
 * PostgreSQL stores neither, so such a value could only fail later, as a 500.
 */
export function parseJsonText(text: string, invalid: string): unknown {
  let unstorable = false;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (!isStorableText(key) || (typeof v === 'string' && !isStorableText(v))) unstorable = true;
      return v;
    });
  } catch {
    throw new ValidationError(invalid);
  }
  if (unstorable) throw new ValidationError(UNSTORABLE_TEXT_MESSAGE);
  return value;
}

/** A client's request id is echoed and logged: only a short, plain one is kept. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

function requestIdOf(req: NextRequest): string {
  const given = req.headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * The query string and path parameters, refused when they cannot be stored. Judged after the
 * caller is let in: an admin route says 401/403 first to anyone who is not an admin.
 */
function assertStorableInput(req: NextRequest, params: unknown): void {
  const texts = [...req.nextUrl.searchParams].flat();
  if (params && typeof params === 'object') {
    for (const v of Object.values(params)) texts.push(...(Array.isArray(v) ? v : [v]).map(String));
  }
  if (!texts.every(isStorableText)) throw new ValidationError(UNSTORABLE_TEXT_MESSAGE);
}

/** Reads and validates a JSON body (same-origin JSON only); bad input is a 400 with field errors. */
export async function parseJson<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
): Promise<z.infer<S>> {
  assertSameOriginJson(req);
  const raw = parseJsonText(await req.text(), 'The request body is not valid JSON.');
  // Async: some rules load data on first use (the password strength dictionaries).
  const result = await schema.safeParseAsync(raw);
  if (!result.success)
    throw new ValidationError('Some fields are invalid.', fieldErrorsOf(result.error));
  return result.data;
}

/**
 * For actions whose body is optional (a refund reason): an empty body validates as `{}`; any
 * other body is held to the same rules as `parseJson`.
 */
export async function parseOptionalJson<S extends z.ZodType>(
  req: NextRequest,
  schema: S,
): Promise<z.infer<S>> {
  if (!req.headers.get('content-type') && (await req.clone().text()) === '') {
    assertSameOrigin(req);
    const result = schema.safeParse({});
    if (!result.success)
      throw new ValidationError('Some fields are invalid.', fieldErrorsOf(result.error));
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
  if (!result.success)
    throw new ValidationError('Some query parameters are invalid.', fieldErrorsOf(result.error));
  return result.data;
}

export function json(body: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(body, init);
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}
