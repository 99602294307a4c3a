import type { CartView } from '@/lib/cart/types';

export { EMPTY_CART } from '@/lib/cart/types';

/** Every cart query lives under ['cart'], so invalidating it also refreshes the header's badge. */
export const cartQueryKey = ['cart', 'detail'] as const;

export class ApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
    public readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

/** Same-origin JSON call; a non-2xx answer becomes an ApiError carrying the server's message. */
export async function callApi<T>(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      cache: 'no-store',
      signal: init.signal,
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch (err) {
    if (init.signal?.aborted) throw err;
    throw new ApiError('Could not reach the shop. Check your connection and try again.', 0);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (
      body as { error?: { message?: string; fields?: Record<string, string[]> } } | null
    )?.error;
    throw new ApiError(
      error?.message ?? `Request failed (${res.status}).`,
      res.status,
      error?.fields,
    );
  }
  return body as T;
}

export const fetchCart = ({ signal }: { signal: AbortSignal }) =>
  callApi<CartView>('/api/v1/cart', { signal });
export const postItem = (editionId: string, quantity: number) =>
  callApi<CartView>('/api/v1/cart/items', { method: 'POST', body: { editionId, quantity } });
export const patchItem = (editionId: string, quantity: number) =>
  callApi<CartView>(`/api/v1/cart/items/${encodeURIComponent(editionId)}`, {
    method: 'PATCH',
    body: { quantity },
  });
export const deleteItem = (editionId: string) =>
  callApi<CartView>(`/api/v1/cart/items/${encodeURIComponent(editionId)}`, { method: 'DELETE' });
export const deleteCart = () => callApi<CartView>('/api/v1/cart', { method: 'DELETE' });
