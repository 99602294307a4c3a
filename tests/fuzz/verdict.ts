import type { Case } from './cases';
import { isAdminPath, type Operation } from './operations';
import { escapeRegex, firstLine, type FailureLog } from './report';

/*
 * The rules one answer is held to, shared by the in-process test and the HTTP bench:
 *   - never a 5xx, a thrown error or a hang;
 *   - a refused request (4xx, rate limits included) writes nothing;
 *   - admin routes answer 401/403 to anyone who is not a signed-in admin;
 *   - no stack trace in a response body.
 */

export type Outcome = {
  op: Operation;
  c: Case;
  caseIndex: number;
  describe: () => string;
  status?: number;
  body: string;
  /** Set when there was no answer: the handler threw, or nothing came back in time. */
  thrown?: string;
  /** Stacks the app logged while answering (in-process only). */
  logged?: string;
  /** Non-empty when rows changed while the request ran (see write-log.ts). */
  writes?: string;
};

/**
 * Answers only the HTTP server or Next's router give, before any handler runs (a header section
 * over 16 KB, a path that routes elsewhere or to a trailing-slash redirect): refusals that reveal
 * nothing, so an admin route "refusing" a non-admin this way is fine. Never seen in-process.
 */
const BEFORE_ANY_HANDLER = new Set([308, 405, 414, 431]);

export function judge(o: Outcome, failures: FailureLog): void {
  const label = `${o.op.method} ${o.op.path}`;
  const request = `case #${o.caseIndex} (replay: FUZZ_ONLY='^${escapeRegex(label)}$' FUZZ_CASE=${o.caseIndex})\n${o.describe()}`;
  const fail = (kind: string, detail: string, distinguishedBy: string) =>
    failures.add({ kind, operation: label, status: o.status, request, detail }, distinguishedBy);

  if (o.thrown !== undefined) fail('no answer', o.thrown, firstLine(o.thrown));
  else if (o.status! >= 500)
    fail(
      String(o.status),
      `response: ${o.body.slice(0, 400)}\n${o.logged ?? ''}`,
      `${o.status} ${firstLine(o.logged ?? o.body)}`,
    );

  const notAdmin =
    o.c.persona !== 'admin' || o.c.cookieMode === 'truncated' || o.c.cookieMode === 'renamed';
  // Over HTTP a `..` path param is resolved by the URL parser: Next's HTML 404 page, not a handler's.
  const routedElsewhere = o.status === 404 && !o.body.trimStart().startsWith('{');
  if (
    o.status !== undefined &&
    isAdminPath(o.op.path) &&
    notAdmin &&
    ![401, 403].includes(o.status) &&
    !BEFORE_ANY_HANDLER.has(o.status) &&
    !routedElsewhere
  ) {
    fail(
      'admin route not refused',
      `answered ${o.status} to ${o.c.persona} (cookie ${o.c.cookieMode}): ${o.body.slice(0, 200)}`,
      String(o.status),
    );
  }
  const refused = o.thrown !== undefined || o.status! >= 400;
  if (refused && o.writes)
    fail(
      'write on refused request',
      `${o.status ?? 'no answer'} but wrote: ${o.writes}`,
      `${o.status} ${o.writes}`,
    );
  if (/\n\s+at [\w.<>]+ \(|node_modules\//.test(o.body))
    fail('stack trace in response', o.body.slice(0, 400), String(o.status));
}
