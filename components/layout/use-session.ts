'use client';

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: string;
};

/** Query keys other features invalidate: `['cart']` after changing the cart, `['auth']` after login. */
export const sessionQueryKey = ['auth', 'me'] as const;
export const cartCountQueryKey = ['cart', 'count'] as const;

function isCurrentUser(value: unknown): value is CurrentUser {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.email === 'string' &&
    typeof v.name === 'string' &&
    typeof v.role === 'string'
  );
}

/**
 * GETs a JSON endpoint; any failure (401, 404, 5xx, offline, bad JSON) yields null, because the
 * header must degrade to "signed out / empty cart" rather than show an error.
 */
async function getJsonOrNull(url: string, signal: AbortSignal): Promise<unknown> {
  try {
    const res = await fetch(url, {
      signal,
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return null;
    return (await res.json()) as unknown;
  } catch (err) {
    // Let TanStack Query see its own cancellations instead of caching a fake "signed out".
    if (signal.aborted) throw err;
    return null;
  }
}

async function fetchCurrentUser({ signal }: { signal: AbortSignal }): Promise<CurrentUser | null> {
  // `{ user: null }` with a 200 for visitors: /me's 401 would be logged in the console on every page.
  const body = await getJsonOrNull('/api/v1/auth/session', signal);
  const user = (body as { user?: unknown } | null)?.user;
  return isCurrentUser(user) ? user : null;
}

/**
 * Forgets the signed-in user in this tab at once: the header shows a guest with an empty cart
 * without waiting for a refetch, and the cart is read again (a guest cart may hold something).
 */
export function forgetClientSession(queryClient: QueryClient): void {
  // A session read still in flight must not write the old user back.
  void queryClient.cancelQueries({ queryKey: sessionQueryKey });
  queryClient.setQueryData(sessionQueryKey, null);
  queryClient.setQueryData(cartCountQueryKey, 0);
  void queryClient.invalidateQueries({ queryKey: ['cart'] });
}

function isRedirect(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT');
}

/**
 * Wraps a server action that ends the session and then redirects (sign out everywhere, sign out
 * this device). The redirect reaches the browser as the action's rejection; that is when this tab
 * forgets the user, so the page it lands on shows a signed-out header without a reload.
 */
export function endingSession<S>(
  action: (state: S, formData: FormData) => Promise<S>,
  queryClient: QueryClient,
): (state: S, formData: FormData) => Promise<S> {
  return async (state, formData) => {
    let next: S;
    try {
      next = await action(state, formData);
    } catch (err) {
      if (isRedirect(err)) forgetClientSession(queryClient);
      throw err;
    }
    // Still here (a refusal, or another device signed out): the server says who is signed in.
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    return next;
  };
}

/** `endingSession` bound to this tab's query client, for `useActionState`. */
export function useEndingSession<S>(
  action: (state: S, formData: FormData) => Promise<S>,
): (state: S, formData: FormData) => Promise<S> {
  const queryClient = useQueryClient();
  return useMemo(() => endingSession(action, queryClient), [action, queryClient]);
}

async function fetchCartCount({ signal }: { signal: AbortSignal }): Promise<number> {
  const body = await getJsonOrNull('/api/v1/cart', signal);
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return 0;
  return items.reduce<number>((sum, item) => {
    const quantity = (item as { quantity?: unknown } | null)?.quantity;
    return typeof quantity === 'number' && quantity > 0 ? sum + quantity : sum;
  }, 0);
}

export function useCurrentUser() {
  const query = useQuery({
    queryKey: sessionQueryKey,
    queryFn: fetchCurrentUser,
    staleTime: 60_000,
    retry: false,
  });
  return { user: query.data ?? null, isPending: query.isPending };
}

export function useCartCount() {
  const query = useQuery({
    queryKey: cartCountQueryKey,
    queryFn: fetchCartCount,
    staleTime: 30_000,
    retry: false,
  });
  return { count: query.data ?? 0, isPending: query.isPending };
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: async () => {
      const res = await fetch('/api/v1/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: '{}',
      });
      // 401 means the session was already gone: the outcome the shopper asked for.
      if (!res.ok && res.status !== 401) throw new Error(`Sign out failed (${res.status})`);
    },
    onSuccess: () => {
      forgetClientSession(queryClient);
      router.push('/');
      // Drops server-rendered pages cached for the signed-in user from the client router.
      router.refresh();
    },
    onError: () => {
      // Show whatever the server now says rather than guessing the session's state.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
  return {
    signOut: () => mutation.mutate(),
    isSigningOut: mutation.isPending,
    failed: mutation.isError,
  };
}
