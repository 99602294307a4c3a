import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/*
 * The account life cycle in a real browser against a production build: register, sign out, sign in,
 * recover a forgotten password through the mail maildev caught, and the admin area's door.
 * Needs BASE_URL (the app) and MAILDEV_URL (maildev's web API; the app's SMTP_URL points at it).
 */
const MAILDEV_URL = process.env.MAILDEV_URL ?? 'http://127.0.0.1:1080';

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

type MaildevMessage = { to: { address: string }[]; subject: string; text: string; html: string };

async function resetLinkFor(page: Page, email: string): Promise<string> {
  let token = '';
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`${MAILDEV_URL}/email`);
        if (!res.ok()) return '';
        const mails = (await res.json()) as MaildevMessage[];
        const mail = mails.findLast(
          (m) => m.to.some((t) => t.address.toLowerCase() === email) && /reset/i.test(m.subject),
        );
        token = /\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1] ?? '';
        return token;
      },
      { message: `a reset mail for ${email} in maildev`, timeout: 15_000 },
    )
    .not.toBe('');
  return `/reset-password?token=${token}`;
}

async function fillCredentials(page: Page, email: string, password: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
}

async function signOutFromAccount(page: Page) {
  await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

test.describe('accounts', () => {
  test('register, sign out, sign in, recover the password by mail and sign in with the new one', async ({
    page,
  }) => {
    const email = `e2e-${unique()}@example.test`;
    const firstPassword = `first pass ${unique()}`;
    const secondPassword = `second pass ${unique()}`;

    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('End To End');
    await fillCredentials(page, email, firstPassword);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByText('This device', { exact: true })).toBeVisible();

    await signOutFromAccount(page);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);

    await fillCredentials(page, email, firstPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    const me = await page.request.get('/api/v1/auth/me');
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email, name: 'End To End', role: 'customer' });

    await signOutFromAccount(page);
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'If an account exists' }),
    ).toBeVisible();

    await page.goto(await resetLinkFor(page, email));
    await page.getByLabel('New password', { exact: true }).fill(secondPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page).toHaveURL(/\/login\?notice=password-reset$/);
    await expect(page.getByText('Your password was changed.')).toBeVisible();

    await fillCredentials(page, email, firstPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'The email or password is incorrect.' }),
    ).toBeVisible();

    await fillCredentials(page, email, secondPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
  });

  test('a used reset link cannot be used again', async ({ page }) => {
    const email = `e2e-reuse-${unique()}@example.test`;
    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Reuse');
    await fillCredentials(page, email, `first pass ${unique()}`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await signOutFromAccount(page);

    await page.goto('/forgot-password');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    const link = await resetLinkFor(page, email);
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(`second pass ${unique()}`);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page).toHaveURL(/notice=password-reset/);

    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(`third pass ${unique()}`);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'invalid or has expired' }),
    ).toBeVisible();
  });

  test('shows field errors next to their fields and moves focus to the first one', async ({
    page,
  }) => {
    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Short Password');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();

    const emailField = page.getByLabel('Email', { exact: true });
    await expect(emailField).toHaveAttribute('aria-invalid', 'true');
    await expect(emailField).toBeFocused();
    await expect(emailField).toHaveAccessibleDescription(/valid email/);
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
      /at least 10 characters that are hard to guess/i,
    );
    await expect(page.getByLabel('Name', { exact: true })).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  test('the sign-in forms have no detectable accessibility violations', async ({ page }) => {
    for (const path of ['/login', '/register', '/forgot-password']) {
      await page.goto(path);
      const results = await new AxeBuilder({ page })
        .include('main form')
        .withTags(['wcag2a', 'wcag2aa'])
        .analyze();
      expect(results.violations, path).toEqual([]);
    }
  });
});

test.describe('the admin area', () => {
  test('sends anonymous visitors to sign in and refuses customers', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin$/);

    await page.goto('/register');
    await page.getByLabel('Name', { exact: true }).fill('Just A Customer');
    await fillCredentials(
      page,
      `e2e-customer-${unique()}@example.test`,
      `customer pass ${unique()}`,
    );
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/account$/);

    await page.goto('/admin');
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/don’t have access/);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toHaveCount(0);

    const api = await page.request.get('/api/v1/admin/ping');
    expect(api.status()).toBe(403);
  });

  test('lets the seeded admin in', async ({ page }) => {
    await page.goto('/login?callbackUrl=%2Fadmin');
    await fillCredentials(page, 'admin@arcade.test', 'arcade-admin-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  });
});
