import { expect, test } from '@playwright/test';

test('the home page shows featured games from the seeded catalog', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Arcade/);
  const cards = page.getByTestId('product-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThanOrEqual(4);
  await expect(page.getByRole('heading', { name: 'New releases' })).toBeVisible();
  await expect(page.locator('#new-releases').getByTestId('product-card')).toHaveCount(5);
  await expect(page.getByRole('heading', { name: 'Top sellers' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Most viewed' })).toBeVisible();
});

test('the search box in the header reaches the server', async ({ page }) => {
  await page.goto('/');
  const search = page.getByRole('combobox', { name: /search games/i });
  await search.fill('galaxy');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=galaxy/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/galaxy/i);
});

test('the health endpoint reports the database and Redis', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database.ok).toBe(true);
  expect(body.redis.ok).toBe(true);
  expect(body.status).toBe('ok');
});

test('an unknown page answers 404 with a way back', async ({ page }) => {
  const res = await page.goto('/no-such-page');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('link', { name: /home/i }).first()).toBeVisible();
});
