import { expect, test, type Page, type Response } from '@playwright/test';

const SHOPPER = { email: 'shopper@arcade.test', password: 'arcade-shopper-1' };

type Summary = { id: string; slug: string; title: string; stock: number };

/**
 * zod 4 (the catalog's filters are parsed in the browser) checks once whether eval works, with
 * `Function("")` in a try/catch, and falls back to its plain parser: the browser reports that
 * probe though nothing breaks. It is recognised by its exact sample (an empty function), so any
 * other eval still fails these tests. `z.config({ jitless: true })` in browser code silences it.
 */
const ZOD_EVAL_PROBE = '(function anonymous(\n) {\n\n})';

type Violation = {
  directive: string;
  blocked: string;
  source: string;
  line: number;
  sample: string;
};

/**
 * Every CSP violation the page reports, across navigations: Chromium's console messages and the
 * `securitypolicyviolation` events (reported through a binding, which no page policy can block).
 */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()))
      violations.push(`console: ${message.text()}`);
  });
  await page.exposeBinding('__reportCspViolation', (_source, v: Violation) => {
    if (v.directive === 'script-src' && v.blocked === 'eval' && v.sample === ZOD_EVAL_PROBE) return;
    violations.push(
      `event: ${v.directive} blocked ${v.blocked} at ${v.source}:${v.line} ${JSON.stringify(v.sample)}`,
    );
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: Violation) => void })
        .__reportCspViolation;
      report({
        directive: e.effectiveDirective,
        blocked: e.blockedURI || 'inline',
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    });
  });
  return violations;
}

function policyOf(response: Response | null): Map<string, string[]> {
  const header = response?.headers()['content-security-policy'];
  expect(header, 'the page carries a Content-Security-Policy header').toBeTruthy();
  return new Map(
    header!.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

/** The cached-page policy: no nonce (one HTML for everyone), inline scripts but nothing foreign. */
function expectCachedPagePolicy(response: Response | null) {
  const policy = policyOf(response);
  expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'", "'report-sample'"]);
  expect(policy.get('script-src-attr')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('connect-src')).toEqual(["'self'"]);
}

/** The per-request policy: a nonce Next put on every script of the page, and nothing else runs. */
async function expectNoncePolicy(response: Response | null) {
  const policy = policyOf(response);
  const scripts = policy.get('script-src')!;
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).not.toContain("'unsafe-inline'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, 'a nonce in script-src').toBeTruthy();
  const html = await response!.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags)
    expect(tag, 'every script carries the nonce').toContain(`nonce="${nonce}"`);
  return nonce!;
}

async function inStockProduct(page: Page): Promise<Summary> {
  const res = await page.request.get('/api/v1/products?inStock=true&pageSize=20&sort=newest');
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: Summary[] };
  const product = items.find((p) => p.stock >= 2);
  expect(product, 'the seeded catalog has a game in stock').toBeDefined();
  return product!;
}

test.describe('content security policy', () => {
  let violations: string[];

  test.beforeEach(async ({ page }) => {
    violations = await watchViolations(page);
  });

  test.afterEach(async ({ page }) => {
    // Late reports (chunks loaded after the last assertion) still count.
    await page.waitForLoadState('networkidle').catch(() => {});
    expect(violations, 'no CSP violation').toEqual([]);
  });

  test('the home page (ISR) hydrates under the cached-page policy', async ({ page }) => {
    const response = await page.goto('/');
    expectCachedPagePolicy(response);
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    expect(response!.headers()['x-frame-options']).toBe('DENY');
    // The header's account links appear once React has hydrated and asked /api for the session.
    await expect(
      page.getByTestId('site-header').getByRole('link', { name: 'Sign in' }),
    ).toBeVisible();
    await expect(page.getByTestId('product-card').first()).toBeVisible();
  });

  test('a product page (ISR) hydrates: add to cart reaches the API', async ({ page }) => {
    const product = await inStockProduct(page);
    const response = await page.goto(`/products/${product.slug}`);
    expectCachedPagePolicy(response);
    await page.getByTestId('add-to-cart').first().click();
    await expect(page.getByTestId('cart-count').first()).toHaveText('1');
    await expect(page.getByTestId('add-to-cart').first()).toContainText('Added to cart');
  });

  test('the listing shell (static) fetches the catalog from the API', async ({ page }) => {
    const response = await page.goto('/products');
    expectCachedPagePolicy(response);
    await expect(page.getByTestId('product-card').first()).toBeVisible();
  });

  test('the login page gets a fresh nonce and signs in', async ({ page }) => {
    const first = await page.request.get('/login');
    const response = await page.goto('/login');
    const nonce = await expectNoncePolicy(response);
    expect(first.headers()['content-security-policy']).not.toContain(nonce);
    await page.getByLabel('Email', { exact: true }).fill(SHOPPER.email);
    await page.getByLabel('Password', { exact: true }).fill(SHOPPER.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByTestId('account-menu-trigger')).toBeVisible();
  });

  test('the checkout page, signed in, gets the nonce policy and hydrates', async ({ page }) => {
    const login = await page.request.post('/api/v1/auth/login', { data: SHOPPER });
    expect(login.status()).toBe(200);
    expect((await page.request.delete('/api/v1/cart')).ok()).toBe(true);
    const product = await inStockProduct(page);
    const added = await page.request.post('/api/v1/cart/items', {
      data: { productId: product.id, quantity: 1 },
    });
    expect(added.ok()).toBe(true);
    try {
      const response = await page.goto('/checkout');
      await expect(page).toHaveURL(/\/checkout$/);
      await expectNoncePolicy(response);
      await page.getByLabel('Billing country').selectOption('DE');
      await expect(page.getByTestId('summary-tax')).toBeVisible();
      // The account menu is a client island: it opens only once React runs on the page.
      await page.getByTestId('account-menu-trigger').click();
      await expect(page.getByRole('menuitem').first()).toBeVisible();
    } finally {
      await page.request.delete('/api/v1/cart');
    }
  });

  test('a missing page under a nonce path is rendered with its nonce and hydrates', async ({
    page,
  }) => {
    const response = await page.goto('/login/no-such-page');
    expect(response?.status()).toBe(404);
    await expectNoncePolicy(response);
    await expect(
      page.getByTestId('site-header').getByRole('link', { name: 'Sign in' }),
    ).toBeVisible();
  });
});
