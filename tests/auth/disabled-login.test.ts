import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PASSWORD, signUp } from './accounts';
import { apiRequest, bodyOf, ctx, randomIp, setEnv, uniqueEmail } from './support';

/* The login form action reads its request through next/headers: a cookie jar stands in. */
const jar = new Map<string, string>();
let requestHeaders = new Headers();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => {
      jar.set(name, value);
    },
  }),
  headers: async () => requestHeaders,
}));

const { POST: login } = await import('@/app/api/v1/auth/login/route');
const { loginAction } = await import('@/app/(auth)/login/actions');
const { disableUser } = await import('@/lib/auth');
const { BAD_LOGIN_MESSAGE, DISABLED_ACCOUNT_MESSAGE } = await import('@/lib/auth/login');

const WRONG = 'not the password at all';

async function attempt(email: string, password: string) {
  const res = await login(apiRequest('/api/v1/auth/login', { body: { email, password } }), ctx());
  return {
    status: res.status,
    body: await bodyOf(res),
    setsCookie: res.headers.getSetCookie().some((c) => c.includes('authjs.session-token=')),
  };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function disabledAccount() {
  const { email, userId } = await signUp('disabled');
  await disableUser(userId);
  return email;
}

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

beforeEach(() => {
  jar.clear();
  requestHeaders = new Headers({ 'x-forwarded-for': randomIp(), 'user-agent': 'vitest' });
});

describe('signing in to a disabled account', () => {
  it('says the account is disabled once the password is right, and opens no session', async () => {
    const refused = await attempt(await disabledAccount(), PASSWORD);
    expect(refused).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: DISABLED_ACCOUNT_MESSAGE } },
      setsCookie: false,
    });
  });

  it('answers a wrong password exactly as for an unknown email or an active account', async () => {
    const disabled = await attempt(await disabledAccount(), WRONG);
    const unknown = await attempt(uniqueEmail('nobody'), WRONG);
    const active = await attempt((await signUp('active')).email, WRONG);
    const generic = {
      status: 401,
      body: { error: { code: 'unauthenticated', message: BAD_LOGIN_MESSAGE } },
      setsCookie: false,
    };
    expect(disabled).toEqual(generic);
    expect(unknown).toEqual(generic);
    expect(active).toEqual(generic);
  });

  it('tells the login form the same: disabled for the right password, generic for a wrong one', async () => {
    const email = await disabledAccount();
    const right = await loginAction(
      { ok: false },
      form({ email, password: PASSWORD, callbackUrl: '/account' }),
    );
    expect(right).toMatchObject({ ok: false, message: DISABLED_ACCOUNT_MESSAGE });
    const wrong = await loginAction(
      { ok: false },
      form({ email, password: WRONG, callbackUrl: '/account' }),
    );
    expect(wrong).toMatchObject({ ok: false, message: BAD_LOGIN_MESSAGE });
    expect(jar.has('authjs.session-token')).toBe(false);
  });
});
