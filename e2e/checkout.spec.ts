import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const SHOPPER = { email: 'shopper@arcade.test', password: 'arcade-shopper-1' };

type Summary = { id: string; slug: string; title: string; stock: number };
type BoardEntry = Summary & { score: number };

async function logIn(page: Page) {
  const res = await page.request.post('/api/v1/auth/login', { data: SHOPPER });
  expect(res.status(), 'the seeded shopper can log in').toBe(200);
  // Each test starts from an empty cart, whatever an earlier test left behind.
  expect((await page.request.delete('/api/v1/cart')).ok()).toBe(true);
}

async function topSellers(request: APIRequestContext): Promise<BoardEntry[]> {
  const res = await request.get('/api/v1/leaderboards/top-sellers?limit=100');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { entries: BoardEntry[] }).entries;
}

async function productInStock(request: APIRequestContext, skip: string[] = []): Promise<Summary> {
  const res = await request.get('/api/v1/products?inStock=true&pageSize=50&sort=newest');
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: Summary[] };
  const pick = items.find((p) => p.stock >= 10 && !skip.includes(p.id));
  expect(pick, 'the seeded catalog has a game with stock').toBeDefined();
  return pick!;
}

async function stockOf(request: APIRequestContext, slug: string): Promise<number> {
  const res = await request.get(`/api/v1/products/${slug}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { stock: number }).stock;
}

/** Product page → add to cart → cart shows the line. */
async function addToCart(page: Page, product: Summary) {
  await page.goto(`/products/${product.slug}`);
  await page.getByTestId('add-to-cart').first().click();
  // The badge moves optimistically; wait for the server to hold the line before leaving the page.
  await expect(page.getByTestId('cart-count').first()).toHaveText('1');
  await expect
    .poll(
      async () =>
        ((await (await page.request.get('/api/v1/cart')).json()) as { itemCount: number })
          .itemCount,
    )
    .toBe(1);
  await page.goto('/cart');
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(product.title);
}

/** The seeded games sell keys first: a digital checkout asks for a billing country and nothing to ship. */
async function checkOut(page: Page, method: 'Card' | 'Wallet') {
  await page.getByTestId('go-to-checkout').click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByLabel('Full name')).toHaveCount(0);
  await page.getByLabel('Billing country').selectOption('DE');
  await expect(page.getByTestId('summary-tax')).toBeVisible();
  await expect(page.getByTestId('summary-shipping')).toHaveText('None (digital)');
  await expect(page.getByRole('radio', { name: /Cash on delivery/ })).toHaveCount(0);
  await page.getByRole('radio', { name: new RegExp(method) }).check();
  await page.getByTestId('place-order').click();
}

test.describe('checkout', () => {
  test('a shopper buys a game with the success card; the key edition is delivered at once and counts as a top seller', async ({
    page,
  }) => {
    await logIn(page);
    const before = await topSellers(page.request);
    // A game already on the board can be seen to move; otherwise any game will appear on it.
    const onBoard = before.find((e) => e.stock >= 2);
    const product = onBoard ?? (await productInStock(page.request));
    const scoreBefore = onBoard?.score ?? 0;

    await addToCart(page, product);
    await checkOut(page, 'Card');
    await expect(page).toHaveURL(/\/pay\/pi_sim_/);
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByTestId('pay-now').click();

    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?payment=success/);
    // Nothing to post: a key goes to the library the moment the order is paid.
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'fulfilled');
    await expect(page.getByTestId('order-item')).toContainText(product.title);
    await expect(page.getByTestId('order-timeline')).toContainText('Paid by card');

    // The sale reaches the board through a background job.
    await expect
      .poll(
        async () => (await topSellers(page.request)).find((e) => e.id === product.id)?.score ?? 0,
        { timeout: 45_000, intervals: [1000] },
      )
      .toBeGreaterThanOrEqual(scoreBefore + 1);

    await page.goto('/orders');
    await expect(page.getByTestId('order-row').first()).toContainText(/Fulfilled|Delivered/i);
  });

  test('a declined card leaves the order awaiting payment and says why', async ({ page }) => {
    await logIn(page);
    const product = await productInStock(page.request);
    await addToCart(page, product);
    await checkOut(page, 'Card');
    await expect(page).toHaveURL(/\/pay\/pi_sim_/);
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByTestId('pay-now').click();
    await expect(page.getByTestId('payment-error')).toContainText('Your card was declined.');

    await page.getByRole('link', { name: 'Back to the order' }).click();
    await expect(page.getByTestId('order-status')).toHaveAttribute(
      'data-status',
      'pending_payment',
    );
    await expect(page.getByTestId('payment-status')).toContainText('declined');
    await expect(page.getByTestId('pay-order')).toBeVisible();
  });

  test('cancelling an unpaid order puts its stock back', async ({ page }) => {
    await logIn(page);
    const product = await productInStock(page.request);
    const stockBefore = await stockOf(page.request, product.slug);
    await addToCart(page, product);
    await checkOut(page, 'Wallet');
    await expect(page).toHaveURL(/\/pay\/pi_sim_/);
    await page.getByRole('link', { name: 'Back to the order' }).click();
    await expect(page.getByTestId('order-status')).toHaveAttribute(
      'data-status',
      'pending_payment',
    );
    await expect.poll(() => stockOf(page.request, product.slug)).toBe(stockBefore - 1);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('cancel-order').click();
    await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
    await expect(page.getByTestId('cancel-order')).toHaveCount(0);
    await expect.poll(() => stockOf(page.request, product.slug)).toBe(stockBefore);
  });

  test('checkout asks anonymous visitors to log in', async ({ page }) => {
    await page.goto('/checkout');
    await expect(page).toHaveURL(/\/login/);
  });
});
