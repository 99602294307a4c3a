import { beforeAll, describe, expect, it } from 'vitest';
import { GET as session } from '@/app/api/v1/auth/session/route';
import { GET as me } from '@/app/api/v1/auth/me/route';
import { POST as logout } from '@/app/api/v1/auth/logout/route';
import { signUp } from './accounts';
import { apiRequest, bodyOf, ctx, setEnv } from './support';

const ask = (cookie?: string) => session(apiRequest('/api/v1/auth/session', { cookie }), ctx());

beforeAll(() => {
  setEnv({ TRUST_PROXY: 'true' });
});

describe('GET /api/v1/auth/session', () => {
  it('answers an anonymous visitor 200 with no user, where /me answers 401', async () => {
    const res = await ask();
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual({ user: null });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect((await me(apiRequest('/api/v1/auth/me'), ctx())).status).toBe(401);
  });

  it('names the signed-in user, with nothing more than /me shows', async () => {
    const { email, userId, cookie } = await signUp('session', 'Robin');
    const res = await ask(cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await bodyOf(res)).toEqual({
      user: { id: userId, email, name: 'Robin', role: 'customer' },
    });
    const fromMe = await bodyOf(await me(apiRequest('/api/v1/auth/me', { cookie }), ctx()));
    expect((await bodyOf(await ask(cookie))) as { user: unknown }).toEqual({ user: fromMe });
  });

  it('answers 200 with no user for a signed-out session or a forged cookie', async () => {
    const { cookie } = await signUp('session-ended');
    await logout(apiRequest('/api/v1/auth/logout', { method: 'POST', cookie }), ctx());
    for (const stale of [cookie, 'authjs.session-token=not-a-real-token']) {
      const res = await ask(stale);
      expect(res.status).toBe(200);
      expect(await bodyOf(res)).toEqual({ user: null });
    }
  });
});
