/**
 * Arcade's Content-Security-Policy, in the two forms its pages allow (README "Decisions").
 *
 * Pages rendered per request (account, checkout, orders, library, admin, sign-in pages, payment,
 * gifts) get a fresh nonce from proxy.ts: Next reads it from the request's CSP header and puts it
 * on every script it emits, so `script-src` allows nothing inline without it.
 *
 * Cached pages (home and product pages in the shared ISR cache, the static listing shells) are one
 * HTML for every shopper, so they cannot carry a per-request nonce, and Next inlines the page's RSC
 * payload (`self.__next_f.push(...)`), different on every page and revision, so no list of hashes
 * fits them either. They allow inline scripts, and everything else stays as strict: no other
 * origin, no eval, no inline event handlers (`script-src-attr 'none'`), nothing to send data to.
 *
 * No imports: next.config.ts (evaluated by `next build`) and proxy.ts both load this file.
 */

/**
 * First path segments of the pages that are always rendered per request and get the nonce policy.
 * proxy.ts's `config.matcher` must list the same ones (Next reads it statically, so it cannot
 * import this list); tests/foundation/csp.test.ts checks the two agree. A page listed here must
 * never become static or cached: its scripts would carry no nonce and be blocked.
 */
export const NONCE_SECTIONS = [
  'account',
  'checkout',
  'orders',
  'library',
  'admin',
  'login',
  'register',
  'forgot-password',
  'reset-password',
  'forbidden',
  'pay',
  'gifts',
] as const;

/** Sections whose proxy run also checks the session cookie (the proxy's original job). */
export const SESSION_SECTIONS = ['account', 'checkout', 'orders', 'library', 'admin'] as const;

const sectionPattern = (sections: readonly string[]) =>
  new RegExp(`^/(?:${sections.join('|')})(?:/|$)`);

/** Pages that get the nonce policy from proxy.ts. */
export const NONCE_PATH = sectionPattern(NONCE_SECTIONS);
/** Pages on which proxy.ts also runs the optimistic Auth.js cookie check. */
export const SESSION_PATH = sectionPattern(SESSION_SECTIONS);

export type PolicyOptions = {
  /** A fresh per-request nonce. Only for pages rendered per request (see NONCE_SECTIONS). */
  nonce?: string;
  /** `next dev`: React rebuilds server error stacks in the browser with eval. */
  dev?: boolean;
  /** Production over https: retry any stray http:// subresource over https. */
  upgradeInsecureRequests?: boolean;
};

/** The policy as a header value: directives joined by "; ". */
export function contentSecurityPolicy({
  nonce,
  dev = false,
  upgradeInsecureRequests = false,
}: PolicyOptions = {}): string {
  const scripts = nonce
    ? // 'strict-dynamic' lets the nonce'd bootstrap load Next's chunks; 'self' is the fallback of
      // browsers that predate it.
      ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]
    : ["'self'", "'unsafe-inline'"];
  // Violation events and reports carry the first characters of what was blocked.
  scripts.push("'report-sample'");
  if (dev) scripts.push("'unsafe-eval'");
  const directives: string[][] = [
    ['default-src', "'self'"],
    ['script-src', ...scripts],
    // Inline event handlers (onerror=…) never run: React attaches its listeners from script.
    ['script-src-attr', "'none'"],
    // React renders style props as attributes (rating stars), and Radix injects <style> for its
    // scroll lock at run time, without a nonce: styles stay inline-capable on every page.
    ['style-src', "'self'", "'unsafe-inline'"],
    // Covers and uploads come from this origin; data: for the CSS star mask.
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  if (upgradeInsecureRequests) directives.push(['upgrade-insecure-requests']);
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** 128 random bits, base64: unguessable, and in the form Next extracts from the header. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
