import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/*
 * Digital delivery end to end: pick an edition, pay, reveal the key and download the build from
 * the library; an admin's key import and the inventory falling as a key is sold; a gift sent by
 * mail and claimed by the friend. Needs MAILDEV_URL (maildev's web API) for the gift mail.
 */

const ADMIN = { email: 'admin@arcade.test', password: 'arcade-admin-1' };
const MAILDEV_URL = process.env.MAILDEV_URL ?? 'http://127.0.0.1:1080';
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

type Summary = { id: string; slug: string; title: string; stock: number; unlimited: boolean };
type Edition = {
  id: string;
  name: string;
  delivery: 'key' | 'download' | 'physical';
  available: boolean;
  stock: number | null;
};
type MaildevMessage = { to: { address: string }[]; subject: string; text: string };

/** A new shopper, signed in on this page's context: their library starts empty. */
async function newShopper(request: APIRequestContext): Promise<string> {
  const email = `e2e-library-${unique()}@example.test`;
  const res = await request.post('/api/v1/auth/register', {
    data: { email, name: 'Library Tester', password: `library pass ${unique()}` },
  });
  expect(res.status(), 'registration succeeds').toBe(201);
  return email;
}

async function listing(request: APIRequestContext): Promise<Summary[]> {
  const res = await request.get('/api/v1/products?inStock=true&pageSize=50&sort=rating');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { items: Summary[] }).items;
}

async function editionsOf(request: APIRequestContext, slug: string): Promise<Edition[]> {
  const res = await request.get(`/api/v1/products/${slug}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { editions: Edition[] }).editions;
}

/** A game with a key edition holding at least `keys` keys, and that edition. */
async function keyGame(request: APIRequestContext, keys: number, skip: string[] = []) {
  for (const game of await listing(request)) {
    if (skip.includes(game.id)) continue;
    const edition = (await editionsOf(request, game.slug)).find(
      (e) => e.delivery === 'key' && (e.stock ?? 0) >= keys,
    );
    if (edition) return { game, edition };
  }
  throw new Error('the seeded catalog has no key edition in stock');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Product page → pick the edition in the picker → add to cart; waits for the server to hold it. */
async function addEdition(page: Page, slug: string, edition: Edition, count: number) {
  await page.goto(`/products/${slug}`);
  // The live availability arrives once the picker is hydrated: a choice made before would be reset.
  await expect(page.getByTestId('product-availability')).not.toBeEmpty();
  const radio = page
    .getByTestId('edition-picker')
    .getByRole('radio', { name: new RegExp(escape(edition.name)) });
  await radio.check();
  await expect(radio).toBeChecked();
  await page.getByTestId('add-to-cart').click();
  await expect
    .poll(
      async () =>
        ((await (await page.request.get('/api/v1/cart')).json()) as { itemCount: number })
          .itemCount,
    )
    .toBe(count);
}

/** Cart → digital checkout (billing country, no address) → hosted page → paid with the success card. */
async function checkOutAndPay(page: Page, gift?: { email: string; message: string }) {
  await page.goto('/checkout');
  await expect(page.getByLabel('Full name')).toHaveCount(0);
  await page.getByLabel('Billing country').selectOption('FR');
  if (gift) {
    await page.getByTestId('as-gift').check();
    await page.getByLabel("Friend's email").fill(gift.email);
    await page.getByLabel('Message (optional)').fill(gift.message);
  }
  await page.getByRole('radio', { name: /Card/ }).check();
  await page.getByTestId('place-order').click();
  await expect(page).toHaveURL(/\/pay\/pi_sim_/);
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByTestId('pay-now').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?payment=success/);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'fulfilled');
}

async function stat(page: Page, label: string): Promise<number> {
  const card = page
    .getByRole('region', { name: 'Key inventory' })
    .locator('div')
    .filter({ has: page.getByText(label, { exact: true }) })
    .filter({ has: page.locator('p.text-2xl') })
    .last();
  return Number((await card.locator('p.text-2xl').first().innerText()).trim());
}

test.describe('the library', () => {
  test('a shopper picks editions, pays, reveals the key and downloads the DRM-free build', async ({
    page,
  }) => {
    await newShopper(page.request);
    const items = await listing(page.request);
    const { game: keyed, edition: keyEdition } = await keyGame(page.request, 2);
    const downloadable = items.find((g) => g.unlimited && g.id !== keyed.id);
    expect(downloadable, 'the seeded catalog has a DRM-free download').toBeDefined();
    const download = (await editionsOf(page.request, downloadable!.slug)).find(
      (e) => e.delivery === 'download',
    )!;

    await addEdition(page, keyed.slug, keyEdition, 1);
    await addEdition(page, downloadable!.slug, download, 2);
    await page.goto('/cart');
    await expect(page.getByTestId('cart-line')).toHaveCount(2);
    await expect(page.getByTestId('summary-shipping')).toHaveText('None (digital)');
    await checkOutAndPay(page);

    await page.goto('/library');
    const owned = page.getByTestId('library-item');
    await expect(owned).toHaveCount(2);
    const keyItem = owned.filter({ hasText: keyed.title });
    await expect(keyItem).toContainText(keyEdition.name);
    await keyItem.getByTestId('reveal-key').click();
    await expect(keyItem.getByTestId('revealed-key')).toHaveText(
      /^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/,
    );

    const downloadItem = owned.filter({ hasText: downloadable!.title });
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      downloadItem.getByTestId('download').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/drm-free/);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile((await file.path())!);
    expect(bytes.byteLength).toBe(128 * 1024);
    expect(bytes.subarray(0, 40).toString('utf8')).toContain('demo build');

    // The same library as JSON; a reload shows the key as revealed.
    const api = (await (await page.request.get('/api/v1/library')).json()) as {
      items: { key: { state: string } | null }[];
    };
    expect(api.items.map((i) => i.key?.state ?? 'download').sort()).toEqual([
      'download',
      'revealed',
    ]);
  });

  test('an admin imports keys and sees the inventory fall when one is sold', async ({
    browser,
    page,
  }) => {
    const { game, edition } = await keyGame(page.request, 1);
    const admin = await browser.newPage();
    expect((await admin.request.post('/api/v1/auth/login', { data: ADMIN })).status()).toBe(200);
    await admin.goto(`/admin/editions/${edition.id}/keys`);
    const before = await stat(admin, 'Available');

    const fresh = [1, 2, 3].map(() => `E2E${unique().toUpperCase()}`.slice(0, 25));
    await admin.getByLabel('Paste keys').fill([...fresh, fresh[0], 'not a key!'].join('\n'));
    await admin.getByRole('button', { name: /Import/ }).click();
    const report = admin.getByRole('region', { name: 'Import report' });
    await expect(report).toContainText('Imported');
    await expect(report.locator('dd').first()).toHaveText('3');
    await admin.reload();
    expect(await stat(admin, 'Available')).toBe(before + 3);
    const assignedBefore = await stat(admin, 'Assigned');

    await newShopper(page.request);
    await addEdition(page, game.slug, edition, 1);
    await checkOutAndPay(page);

    await admin.reload();
    expect(await stat(admin, 'Available')).toBe(before + 2);
    expect(await stat(admin, 'Assigned')).toBe(assignedBefore + 1);
    await admin.close();
  });

  test('a shopper gifts a game; the friend claims it from the mail into their library', async ({
    browser,
    page,
  }) => {
    const { game, edition } = await keyGame(page.request, 1);
    const friend = await browser.newPage();
    const friendEmail = await newShopper(friend.request);

    await newShopper(page.request);
    await addEdition(page, game.slug, edition, 1);
    await checkOutAndPay(page, { email: friendEmail, message: 'Happy birthday!' });
    await expect(page.getByText(`Sent to ${friendEmail}`)).toBeVisible();
    await page.goto('/library');
    await expect(page.getByTestId('library-item')).toHaveCount(0);

    let link = '';
    await expect
      .poll(
        async () => {
          const res = await page.request.get(`${MAILDEV_URL}/email`);
          if (!res.ok()) return '';
          const mail = ((await res.json()) as MaildevMessage[]).findLast((m) =>
            m.to.some((t) => t.address.toLowerCase() === friendEmail),
          );
          link = /\/gifts\/[A-Za-z0-9_-]{20,100}/.exec(mail?.text ?? '')?.[0] ?? '';
          return link;
        },
        { message: `a gift mail for ${friendEmail} in maildev`, timeout: 30_000 },
      )
      .not.toBe('');
    expect((await page.request.get(`${MAILDEV_URL}/email`)).ok()).toBe(true);

    // Someone else's account cannot take it.
    expect((await page.request.post(`/api/v1${link}/claim`)).status()).toBe(404);

    await friend.goto(link);
    await expect(friend.getByRole('heading', { level: 1 })).toContainText('sent you a game');
    await expect(friend.getByText('Happy birthday!')).toBeVisible();
    await friend.getByTestId('claim-gift').click();
    await expect(friend).toHaveURL(/\/library$/);
    await expect(friend.getByTestId('library-item').filter({ hasText: game.title })).toBeVisible();
    await friend.close();
  });
});
