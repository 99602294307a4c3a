import { expect, test, type Page } from '@playwright/test';

const cards = (page: Page) => page.getByTestId('product-card');
const firstTitle = async (page: Page) =>
  (await cards(page).first().getByRole('link').textContent())?.trim() ?? '';

test('browse, filter, search, open a game, and come back to the same results', async ({ page }) => {
  await page.goto('/products');
  await expect(page.getByRole('heading', { level: 1, name: 'All games' })).toBeVisible();
  await expect(cards(page).first()).toBeVisible();
  const unfilteredCount = await page.getByTestId('result-count').textContent();

  // A genre filter is part of the URL, so the link is shareable and Back can restore it.
  const genre = page.getByLabel('Genre');
  await genre.selectOption('Action');
  await expect(page).toHaveURL(/\/products\?genre=Action/);
  await expect(page.getByTestId('result-count')).not.toHaveText(unfilteredCount ?? '');
  await expect(cards(page).first()).toBeVisible();
  const filteredFirst = await firstTitle(page);
  const filteredCount = await page.getByTestId('result-count').textContent();

  // Search for a word of a game on screen: it must be found.
  const word = filteredFirst.split(/\s+/)[0]!;
  const search = page.getByRole('combobox', { name: /search games/i }).first();
  await search.fill(word);
  await search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(word)}`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(word);
  await expect(cards(page).filter({ hasText: filteredFirst }).first()).toBeVisible();

  await cards(page).filter({ hasText: filteredFirst }).first().getByRole('link').click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(filteredFirst);
  await expect(page.getByTestId('specs-table')).toBeVisible();
  await expect(page.getByTestId('add-to-cart')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'More like this' })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(word)}`));
  await expect(cards(page).filter({ hasText: filteredFirst }).first()).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/products\?genre=Action/);
  await expect(page.getByLabel('Genre')).toHaveValue('Action');
  await expect(page.getByTestId('result-count')).toHaveText(filteredCount ?? '');
  expect(await firstTitle(page)).toBe(filteredFirst);
});

test('sorting and paging change the URL and the results', async ({ page }) => {
  await page.goto('/products?sort=price_asc');
  await expect(page.getByLabel('Sort by')).toHaveValue('price_asc');
  const prices = page.getByTestId('product-price');
  await expect(prices.first()).toBeVisible();
  const firstPageTitle = await firstTitle(page);

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect.poll(() => firstTitle(page)).not.toBe(firstPageTitle);

  await page.getByLabel('Sort by').selectOption('price_desc');
  await expect(page).toHaveURL(/sort=price_desc/);
  await expect(page).not.toHaveURL(/page=2/);
});

test('filters that match nothing say so and offer a way out', async ({ page }) => {
  await page.goto('/products?minPrice=9999000&maxPrice=9999900');
  await expect(page.getByTestId('catalog-empty')).toBeVisible();
  await page.getByRole('link', { name: 'Clear the filters' }).click();
  await expect(page).toHaveURL(/\/products$/);
  await expect(cards(page).first()).toBeVisible();
});

test('an unknown game answers 404 with a way back to the catalog', async ({ page }) => {
  const res = await page.goto('/products/no-such-game-anywhere');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We could not find that game');
  await expect(page.getByRole('main').getByRole('link', { name: 'Browse games' })).toBeVisible();
});

test('the catalog API refuses bad parameters with field errors', async ({ request }) => {
  const res = await request.get('/api/v1/products?pageSize=500&sort=bogus');
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(['pageSize', 'sort']));
});
