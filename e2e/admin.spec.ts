import { expect, test, type Page } from '@playwright/test';

/*
 * The admin's loop in a real browser: sign in through /login, create a game with an image, find
 * it in the storefront's search at once, change its price, and see the new price on its page.
 */
const ADMIN = { email: 'admin@arcade.test', password: 'arcade-admin-1' };

// A 1×1 PNG: the server sniffs the bytes, so this must be a real image, not a renamed file.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signInAsAdmin(page: Page) {
  await page.goto('/login?callbackUrl=/admin');
  await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

test.describe('admin', () => {
  test('an admin creates a game with an image, the shop finds it at once, and a price edit shows on its page', async ({
    page,
  }) => {
    const title = `Quasar Rally ${unique()}`;
    await signInAsAdmin(page);

    await page
      .getByRole('navigation', { name: 'Admin', exact: true })
      .getByRole('link', { name: 'Products' })
      .click();
    await page.getByRole('link', { name: 'New product' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();

    const form = page.getByRole('form', { name: 'New product' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Description').fill('Drift between quasars in a race against time.');
    await form.getByLabel('Price').fill('24.99');
    await form.getByLabel('Category').selectOption({ index: 1 });
    await form.getByLabel('Platforms').fill('PC, Switch');
    await form.getByLabel('Genres').fill('Racing');
    await form.getByLabel('Release date').fill('2025-06-01');
    await form.getByLabel('Opening stock').fill('12');
    await form.getByRole('button', { name: 'Create product' }).click();

    await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}\?created=1/);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

    const upload = page.getByRole('form', { name: 'Upload an image' });
    await upload
      .getByLabel('Image file')
      .setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: PNG });
    await upload.getByLabel('Description for screen readers').fill(`${title} cover`);
    await upload.getByRole('button', { name: 'Upload image' }).click();
    await expect(upload.getByText('Image uploaded.')).toBeVisible();
    const image = page.getByRole('img', { name: `${title} cover` });
    await expect(image).toBeVisible();
    const src = await image.getAttribute('src');
    expect(src).toMatch(/\/media\/uploads\/products\/.+\.png/);
    const served = await page.request.get(src!);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/png');

    const shopHref = await page
      .getByRole('link', { name: 'View in the shop' })
      .getAttribute('href');
    expect(shopHref).toMatch(/^\/products\/quasar-rally-/);
    const editUrl = page.url();

    await page.goto(`/search?q=${encodeURIComponent(title)}`);
    const card = page.getByTestId('product-card').filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('product-price')).toContainText('$24.99');

    await page.goto(editUrl);
    const edit = page.getByRole('form', { name: 'Edit product' });
    await edit.getByLabel('Price').fill('9.49');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect(edit.getByText(/^Saved\./)).toBeVisible();

    await page.goto(shopHref!);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId('product-price').first()).toContainText('$9.49');
  });

  test('a bad product form shows an error next to each field and creates nothing', async ({
    page,
  }) => {
    await signInAsAdmin(page);
    await page.goto('/admin/products/new');
    const form = page.getByRole('form', { name: 'New product' });
    const title = `Unfinished ${unique()}`;
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Price').fill('-3');
    await form.getByRole('button', { name: 'Create product' }).click();
    await expect(
      form.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }),
    ).toBeVisible();
    await expect(form.getByLabel('Description')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Category')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Title')).toHaveValue(title);
    const res = await page.request.get(
      `/api/v1/admin/products?status=all&q=${encodeURIComponent(title)}`,
    );
    expect(((await res.json()) as { total: number }).total).toBe(0);
  });

  test('a shopper who opens the admin area is turned away', async ({ page }) => {
    const res = await page.request.post('/api/v1/auth/login', {
      data: { email: 'shopper@arcade.test', password: 'arcade-shopper-1' },
    });
    expect(res.status()).toBe(200);
    await page.goto('/admin/products');
    await expect(page).not.toHaveURL(/\/admin\/products/);
    expect((await page.request.get('/api/v1/admin/stats')).status()).toBe(403);
  });
});
