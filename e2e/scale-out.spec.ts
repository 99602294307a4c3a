import { expect, request, test, type APIRequestContext } from '@playwright/test';

// Two instances of the shop share one database and one Redis; nothing lives in either process.
const first = process.env.BASE_URL!;
const second = process.env.SECOND_INSTANCE_URL!;

async function signIn(
  api: APIRequestContext,
  base: string,
  email: string,
  password: string,
): Promise<string> {
  const res = await api.post(`${base}/api/v1/auth/login`, {
    data: { email, password },
    headers: { origin: base },
  });
  expect(res.status()).toBe(200);
  const cookie = res.headers()['set-cookie']?.split(';')[0];
  expect(cookie).toBeTruthy();
  return cookie!;
}

test('a session opened on one instance works on the other and its logout ends it there too', async () => {
  // A context that keeps no cookies: each request carries exactly the cookie we give it.
  const api = await request.newContext({ storageState: { cookies: [], origins: [] } });
  const cookie = await signIn(api, first, 'shopper@arcade.test', 'arcade-shopper-1');

  const me = await api.get(`${second}/api/v1/auth/me`, { headers: { cookie } });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe('shopper@arcade.test');

  const out = await api.post(`${first}/api/v1/auth/logout`, { headers: { cookie, origin: first } });
  expect(out.status()).toBe(204);
  const after = await api.get(`${second}/api/v1/auth/me`, { headers: { cookie } });
  expect(after.status()).toBe(401);
  await api.dispose();
});

test('a price edited through one instance shows on the other instance’s cached product page at once', async () => {
  const api = await request.newContext({ storageState: { cookies: [], origins: [] } });
  const cookie = await signIn(api, first, 'admin@arcade.test', 'arcade-admin-1');
  const list = await api.get(`${second}/api/v1/products?sort=newest&pageSize=1&inStock=true`);
  const [product] = (
    (await list.json()) as { items: { id: string; slug: string; priceCents: number }[] }
  ).items;
  expect(product).toBeTruthy();

  // Warm the second instance's page cache and catalog cache first.
  for (let i = 0; i < 2; i++) {
    const page = await api.get(`${second}/products/${product!.slug}`);
    expect(page.status()).toBe(200);
  }
  const newPrice = product!.priceCents + 123;
  const edit = await api.patch(`${first}/api/v1/admin/products/${product!.id}`, {
    data: { priceCents: newPrice },
    headers: { cookie, origin: first },
  });
  expect(edit.status()).toBe(200);

  const shown = `$${(newPrice / 100).toFixed(2)}`;
  // "At once" within the instances' version check window (250 ms), not a cache lifetime.
  await expect
    .poll(
      async () =>
        (await (await api.get(`${second}/products/${product!.slug}`)).text()).includes(shown),
      {
        timeout: 2_000,
        intervals: [100, 200, 300],
      },
    )
    .toBe(true);
  const json = await api.get(`${second}/api/v1/products/${product!.slug}`);
  expect(((await json.json()) as { priceCents: number }).priceCents).toBe(newPrice);
  await api.dispose();
});
