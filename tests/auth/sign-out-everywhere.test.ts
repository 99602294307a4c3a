import { QueryClient } from '@tanstack/react-query';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signUp } from './accounts';
import { apiRequest, bodyOf, ctx, randomIp, setEnv } from './support';

/* The account actions read the request through next/headers: a cookie jar stands in. */
const jar = new Map<string, string>();
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => {
      jar.set(name, value);
    },
  }),
  headers: async () => new Headers({ 'x-forwarded-for': randomIp(), 'user-agent': 'vitest' }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { signOutEverywhereAction } = await import('@/app/account/actions');
const { GET: session } = await import('@/app/api/v1/auth/session/route');
const { cartCountQueryKey, endingSession, forgetClientSession, sessionQueryKey } =
  await import('@/components/layout/use-session');

type State = { ok: boolean; message?: string };

/** A tab's query cache as the header left it: signed in, three items in the cart. */
function signedInTab(user: { id: string; email: string }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(sessionQueryKey, { ...user, name: 'Sam', role: 'customer' });
  client.setQueryData(cartCountQueryKey, 3);
  return client;
}

const whoIs = async (cookie: string) =>
  (
    (await bodyOf(await session(apiRequest('/api/v1/auth/session', { cookie }), ctx()))) as {
      user: unknown;
    }
  ).user;

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

beforeEach(() => {
  jar.clear();
});

describe('signing out everywhere from the account page', () => {
  it('ends every session and leaves the tab showing a guest with an empty cart, before any refetch', async () => {
    const { email, userId, cookie } = await signUp('everywhere');
    const [name, value] = [
      cookie.slice(0, cookie.indexOf('=')),
      cookie.slice(cookie.indexOf('=') + 1),
    ];
    jar.set(name, decodeURIComponent(value));
    const tab = signedInTab({ id: userId, email });

    const submit = endingSession<State>(signOutEverywhereAction, tab);
    const err = (await submit({ ok: false }, new FormData()).catch((e: unknown) => e)) as {
      digest?: string;
    };

    // The server action still redirects (the browser follows it); the tab forgot the user first.
    expect(err.digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/login\?notice=signed-out-everywhere;/);
    expect(tab.getQueryData(sessionQueryKey)).toBeNull();
    expect(tab.getQueryData(cartCountQueryKey)).toBe(0);
    expect(tab.getQueryState(sessionQueryKey)?.isInvalidated).toBe(false);
    expect(jar.get(name)).toBe('');
    expect(await whoIs(cookie)).toBeNull();
  });

  it('keeps the tab signed in when the action answers without redirecting, and asks the server again', async () => {
    const tab = signedInTab({ id: 'u1', email: 'u1@example.test' });
    const refused = async (): Promise<State> => ({ ok: false, message: 'Please sign in.' });
    expect(await endingSession<State>(refused, tab)({ ok: false }, new FormData())).toEqual({
      ok: false,
      message: 'Please sign in.',
    });
    expect(tab.getQueryData(sessionQueryKey)).toMatchObject({ id: 'u1' });
    expect(tab.getQueryState(sessionQueryKey)?.isInvalidated).toBe(true);
  });

  it('does not forget the user for an error that is not a redirect', async () => {
    const tab = signedInTab({ id: 'u2', email: 'u2@example.test' });
    const broken = async (): Promise<State> => {
      throw new Error('network down');
    };
    await expect(endingSession<State>(broken, tab)({ ok: false }, new FormData())).rejects.toThrow(
      'network down',
    );
    expect(tab.getQueryData(sessionQueryKey)).toMatchObject({ id: 'u2' });
    expect(tab.getQueryData(cartCountQueryKey)).toBe(3);
  });
});

describe('forgetClientSession', () => {
  it('clears the user and the cart count at once and marks the cart for a fresh read', () => {
    const tab = signedInTab({ id: 'u3', email: 'u3@example.test' });
    tab.setQueryData(['cart', 'lines'], { items: [1, 2, 3] });
    forgetClientSession(tab);
    expect(tab.getQueryData(sessionQueryKey)).toBeNull();
    expect(tab.getQueryData(cartCountQueryKey)).toBe(0);
    expect(tab.getQueryState(['cart', 'lines'])?.isInvalidated).toBe(true);
  });
});
