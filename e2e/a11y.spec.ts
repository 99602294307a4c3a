import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/*
 * Automated accessibility checks (axe) on the pages people fill in or work in every day. Only
 * serious and critical findings fail the run; minor ones are printed for the next pass.
 */
const ADMIN = { email: 'admin@arcade.test', password: 'arcade-admin-1' };
const SHOPPER = { email: 'shopper@arcade.test', password: 'arcade-shopper-1' };

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  const minor = results.violations.filter((v) => !blocking.includes(v));
  if (minor.length) console.log(`${what}: minor axe findings`, minor.map((v) => v.id).join(', '));
  expect(
    blocking.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    })),
    `${what} has no serious or critical axe violations`,
  ).toEqual([]);
}

async function logIn(page: Page, account: { email: string; password: string }) {
  const res = await page.request.post('/api/v1/auth/login', { data: account });
  expect(res.status(), `${account.email} can log in`).toBe(200);
}

test.describe('accessibility', () => {
  test('the login page', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expectNoSeriousViolations(page, 'login');
  });

  test('the login page showing an error', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
    await expectNoSeriousViolations(page, 'login with errors');
  });

  test('the admin dashboard', async ({ page }) => {
    await logIn(page, ADMIN);
    await page.goto('/admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expectNoSeriousViolations(page, 'dashboard');
  });

  test('the admin product form, empty and with field errors', async ({ page }) => {
    await logIn(page, ADMIN);
    await page.goto('/admin/products/new');
    const form = page.getByRole('form', { name: 'New product' });
    await expect(form).toBeVisible();
    await expectNoSeriousViolations(page, 'product form');
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(form.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousViolations(page, 'product form with errors');
  });

  test('checkout, as a shopper with a game in the cart', async ({ page }) => {
    await logIn(page, SHOPPER);
    expect((await page.request.delete('/api/v1/cart')).ok()).toBe(true);
    const listing = await page.request.get('/api/v1/products?inStock=true&pageSize=20');
    const { items } = (await listing.json()) as { items: { id: string; stock: number }[] };
    const product = items.find((p) => p.stock > 0);
    expect(product, 'the seeded catalog has a game in stock').toBeDefined();
    const added = await page.request.post('/api/v1/cart/items', {
      data: { productId: product!.id, quantity: 1 },
    });
    expect(added.ok()).toBe(true);
    await page.goto('/checkout');
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, 'checkout');
  });
});
