import { expect, request, test } from '@playwright/test';

// This instance shares the database with the others but its Redis is unreachable: Redis is a
// cache and an accelerator, never the only copy, so the shop must keep working, only slower.
const base = process.env.NO_REDIS_INSTANCE_URL!;

test('the health endpoint says degraded, not down, when Redis is unreachable', async () => {
  const api = await request.newContext();
  const res = await api.get(`${base}/api/health`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    status: string;
    database: { ok: boolean };
    redis: { ok: boolean };
  };
  expect(body).toMatchObject({ status: 'degraded', database: { ok: true }, redis: { ok: false } });
  await api.dispose();
});

test('shoppers still browse, open a game, sign in and order without Redis', async ({ page }) => {
  await page.goto(`${base}/products`);
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  await page.getByTestId('product-card').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('add-to-cart')).toBeVisible();

  const api = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  const login = await api.post('/api/v1/auth/login', {
    data: { email: 'shopper@arcade.test', password: 'arcade-shopper-1' },
  });
  expect(login.status()).toBe(200);
  expect((await api.get('/api/v1/auth/me')).status()).toBe(200);

  const list = await api.get('/api/v1/products?inStock=true&sort=price_desc&pageSize=1');
  const [product] = ((await list.json()) as { items: { id: string; stock: number }[] }).items;
  expect(product!.stock).toBeGreaterThan(0);
  await api.delete('/api/v1/cart');
  const add = await api.post('/api/v1/cart/items', {
    data: { productId: product!.id, quantity: 1 },
  });
  expect(add.status()).toBeLessThan(300);
  const order = await api.post('/api/v1/orders', {
    data: {
      shippingAddress: {
        name: 'Sam Shopper',
        line1: '1 Main St',
        city: 'Springfield',
        postalCode: '12345',
        country: 'US',
      },
      paymentMethod: 'card',
    },
    headers: { 'idempotency-key': `redis-down-${Date.now()}` },
  });
  expect(order.status()).toBe(201);
  const placed = (await order.json()) as { order: { id: string; status: string } };
  expect(placed.order.status).toBe('pending_payment');

  // The order is cancelled again so the shopper's open unpaid orders stay under the cap.
  const cancel = await api.post(`/api/v1/orders/${placed.order.id}/cancel`);
  expect(cancel.status()).toBe(200);
  await api.dispose();
});
