import bcrypt from 'bcryptjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { awayFromWindowEdge, randomIp, setEnv, uniqueEmail } from './support';

/*
 * Server actions read the request through next/headers, which only exists inside Next's request
 * scope; these tests stand in a cookie jar and request headers so the real actions can run.
 */
const jar = new Map<string, { value: string; options?: { maxAge?: number } }>();
let requestHeaders = new Headers();

vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      jar.set(name, { value, options });
    },
  }),
  headers: async () => requestHeaders,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { loginAction } = await import('@/app/(auth)/login/actions');
const { registerAction } = await import('@/app/(auth)/register/actions');
const { forgotPasswordAction } = await import('@/app/(auth)/forgot-password/actions');
const { changePasswordAction, updateProfileAction, signOutEverywhereAction } =
  await import('@/app/account/actions');
const { closeHashPool } = await import('@/lib/auth/hash-pool');
const { getDb } = await import('@/db/client');
const { users } = await import('@/db/schema');
const { currentUser } = await import('@/lib/auth');

const PASSWORD = 'correct horse battery';
const initial = { ok: false };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

/** Runs an action that should end in a redirect and returns where to. */
async function redirectOf(run: Promise<unknown>): Promise<string> {
  const err = (await run.then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  expect(err?.digest).toMatch(/^NEXT_REDIRECT/);
  return err!.digest!.split(';')[2]!;
}

async function registered(email = uniqueEmail('action')) {
  await redirectOf(
    registerAction(
      initial,
      form({ email, password: PASSWORD, name: 'Kim', callbackUrl: '/account' }),
    ),
  );
  return email;
}

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

beforeEach(() => {
  jar.clear();
  requestHeaders = new Headers({
    'x-forwarded-for': randomIp(),
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
  });
});

afterEach(async () => {
  setEnv({
    RATE_LIMIT_LOGIN_EMAIL: undefined,
    BCRYPT_COST: '4',
    HASH_POOL_THREADS: undefined,
    HASH_QUEUE_LIMIT: undefined,
  });
  await closeHashPool();
});

describe('the login form action', () => {
  it('sets the session cookie and sends the visitor back to a same-site callbackUrl', async () => {
    const email = await registered();
    jar.clear();
    const to = await redirectOf(
      loginAction(initial, form({ email, password: PASSWORD, callbackUrl: '/checkout?step=2' })),
    );
    expect(to).toBe('/checkout?step=2');
    expect(jar.get('authjs.session-token')?.value).toBeTruthy();
    expect(await currentUser()).toMatchObject({ email });
  });

  it('ignores a callbackUrl to another site', async () => {
    const email = await registered();
    const to = await redirectOf(
      loginAction(
        initial,
        form({ email, password: PASSWORD, callbackUrl: 'https://evil.example/' }),
      ),
    );
    expect(to).toBe('/account');
  });

  it('ignores a callbackUrl whose dot segments collapse into another host', async () => {
    const email = await registered();
    for (const evil of ['/.//evil.example', '/a/..//evil.example', '/%2e//evil.example/path']) {
      const to = await redirectOf(
        loginAction(initial, form({ email, password: PASSWORD, callbackUrl: evil })),
      );
      expect(to).toBe('/account');
    }
  });

  it('answers a wrong password with one form message, keeping the email but never the password', async () => {
    const email = await registered();
    jar.clear();
    const state = await loginAction(
      initial,
      form({ email, password: 'wrong password', callbackUrl: '/account' }),
    );
    expect(state).toEqual({
      ok: false,
      message: 'The email or password is incorrect.',
      values: { email, callbackUrl: '/account' },
    });
    expect(jar.has('authjs.session-token')).toBe(false);
  });

  it('puts field errors next to their fields', async () => {
    const state = await loginAction(initial, form({ email: 'nope', password: '' }));
    expect(state.ok).toBe(false);
    expect(state.fields?.email?.[0]).toMatch(/valid email/);
    expect(state.fields?.password?.[0]).toMatch(/Enter your password/);
  });

  it('tells the visitor how long to wait when rate limited', async () => {
    setEnv({ RATE_LIMIT_LOGIN_EMAIL: '1/60' });
    await awayFromWindowEdge();
    const email = uniqueEmail('limited');
    await loginAction(initial, form({ email, password: 'wrong password' }));
    const state = await loginAction(initial, form({ email, password: 'wrong password' }));
    expect(state.message).toMatch(/^Too many attempts\. Try again in \d+ (seconds?|minutes?)\.$/);
  });

  it('says the service is busy when the hashing pool is full', async () => {
    setEnv({ HASH_POOL_THREADS: '1', HASH_QUEUE_LIMIT: '0' });
    await closeHashPool();
    const email = uniqueEmail('busy');
    const db = await getDb();
    await db
      .insert(users)
      .values({ email, name: 'Busy', passwordHash: await bcrypt.hash(PASSWORD, 12) });
    const slow = loginAction(initial, form({ email, password: PASSWORD }));
    await new Promise((r) => setTimeout(r, 80));
    const state = await loginAction(initial, form({ email: uniqueEmail(), password: PASSWORD }));
    expect(state).toMatchObject({
      ok: false,
      message: expect.stringMatching(/try again in a moment/i),
    });
    await redirectOf(slow);
  });
});

describe('the register form action', () => {
  it('signs the new account in and redirects to the account page', async () => {
    const email = uniqueEmail('fresh');
    const to = await redirectOf(
      registerAction(initial, form({ email, password: PASSWORD, name: 'Kim' })),
    );
    expect(to).toBe('/account');
    expect(await currentUser()).toMatchObject({ email, name: 'Kim', role: 'customer' });
  });

  it('reports every broken rule on its own field', async () => {
    const state = await registerAction(
      initial,
      form({ email: 'x', password: 'é'.repeat(40), name: '' }),
    );
    expect(Object.keys(state.fields ?? {}).sort()).toEqual(['email', 'name', 'password']);
    expect(state.fields?.password?.[0]).toMatch(/at most 72 characters/);
    expect(state.values).toEqual({ email: 'x', name: '' });
  });

  it('refuses a taken email with the neutral message', async () => {
    const email = await registered();
    jar.clear();
    const state = await registerAction(
      initial,
      form({ email, password: 'different password', name: 'Kim' }),
    );
    expect(state.ok).toBe(false);
    expect(state.message).toMatch(/could not create an account/i);
    expect(jar.has('authjs.session-token')).toBe(false);
  });
});

describe('the account actions', () => {
  it('accepts a reset request for any email with the same message', async () => {
    const known = await forgotPasswordAction(initial, form({ email: await registered() }));
    const unknown = await forgotPasswordAction(initial, form({ email: uniqueEmail('ghost') }));
    expect(known).toEqual({ ok: true, message: expect.stringMatching(/If an account exists/) });
    expect(unknown).toEqual(known);
  });

  it('asks for the right current password before changing it', async () => {
    await registered();
    const wrong = await changePasswordAction(
      initial,
      form({ currentPassword: 'not it at all', newPassword: 'new password 1' }),
    );
    expect(wrong.ok).toBe(false);
    expect(wrong.fields?.currentPassword).toEqual(['Your current password is incorrect.']);
  });

  it('changes the password, keeps this session and reports the others signed out', async () => {
    const email = await registered();
    const thisDevice = jar.get('authjs.session-token')!.value;
    jar.clear();
    await redirectOf(loginAction(initial, form({ email, password: PASSWORD })));
    const otherDevice = jar.get('authjs.session-token')!.value;
    jar.set('authjs.session-token', { value: thisDevice });

    const state = await changePasswordAction(
      initial,
      form({ currentPassword: PASSWORD, newPassword: 'new password 1' }),
    );
    expect(state).toEqual({
      ok: true,
      message: 'Your password was changed. 1 other session was signed out.',
    });
    expect(await currentUser()).toMatchObject({ email });
    jar.set('authjs.session-token', { value: otherDevice });
    const { userFromSessionToken } = await import('@/lib/auth');
    expect(await userFromSessionToken(otherDevice)).toBeNull();
  });

  it('refuses to act for a visitor who is not signed in', async () => {
    jar.clear();
    const state = await updateProfileAction(initial, form({ name: 'Nobody' }));
    expect(state).toMatchObject({ ok: false, message: 'Please sign in.' });
  });

  it('signs out everywhere, clears the cookie and goes to the login page', async () => {
    await registered();
    const to = await redirectOf(signOutEverywhereAction(initial, form({})));
    expect(to).toBe('/login?notice=signed-out-everywhere');
    expect(jar.get('authjs.session-token')?.value).toBe('');
  });
});
