'use client';

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { cartTotals, type CartLine, type CartNotice, type CartView } from '@/lib/cart/types';
import { cartCountQueryKey } from '@/components/layout/use-session';
import {
  EMPTY_CART,
  cartQueryKey,
  deleteCart,
  deleteItem,
  fetchCart,
  patchItem,
  postItem,
} from './cart-api';

export function useCart() {
  return useQuery({ queryKey: cartQueryKey, queryFn: fetchCart, staleTime: 10_000 });
}

function recount(cart: CartView, items: CartLine[]): CartView {
  return { ...cart, ...cartTotals(items) };
}

type Snapshot = { cart?: CartView; count?: number };

/**
 * Shared optimistic-update plumbing: apply a guess to the cached cart and the header badge at
 * once, put both back if the server says no, and take the server's answer when it says yes.
 */
function useCartMutation<V>(
  mutationFn: (vars: V) => Promise<CartView>,
  guess: (cart: CartView, vars: V) => { cart: CartView; countDelta: number },
  onNotices?: (notices: CartNotice[]) => void,
) {
  const client = useQueryClient();
  return useMutation<CartView, Error, V, Snapshot>({
    mutationFn,
    onMutate: async (vars) => {
      await client.cancelQueries({ queryKey: ['cart'] });
      const snapshot: Snapshot = {
        cart: client.getQueryData<CartView>(cartQueryKey),
        count: client.getQueryData<number>(cartCountQueryKey),
      };
      const next = guess(snapshot.cart ?? EMPTY_CART, vars);
      if (snapshot.cart) client.setQueryData(cartQueryKey, next.cart);
      client.setQueryData<number>(
        cartCountQueryKey,
        Math.max(0, (snapshot.count ?? 0) + next.countDelta),
      );
      return snapshot;
    },
    onError: (_err, _vars, snapshot) => restore(client, snapshot),
    onSuccess: (cart) => {
      client.setQueryData(cartQueryKey, cart);
      client.setQueryData<number>(cartCountQueryKey, cart.itemCount);
      if (cart.notices.length) onNotices?.(cart.notices);
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['cart'] }),
  });
}

function restore(client: QueryClient, snapshot: Snapshot | undefined) {
  if (!snapshot) return;
  if (snapshot.cart) client.setQueryData(cartQueryKey, snapshot.cart);
  if (snapshot.count !== undefined) client.setQueryData(cartCountQueryKey, snapshot.count);
}

export function useAddToCart(onNotices?: (notices: CartNotice[]) => void) {
  return useCartMutation<{ editionId: string; quantity: number }>(
    ({ editionId, quantity }) => postItem(editionId, quantity),
    (cart, { editionId, quantity }) => {
      const exists = cart.items.some((i) => i.editionId === editionId);
      const items = exists
        ? cart.items.map((i) =>
            i.editionId === editionId
              ? {
                  ...i,
                  quantity: i.quantity + quantity,
                  lineTotalCents: i.unitPriceCents * (i.quantity + quantity),
                }
              : i,
          )
        : cart.items;
      return { cart: recount(cart, items), countDelta: quantity };
    },
    onNotices,
  );
}

export function useSetQuantity(onNotices?: (notices: CartNotice[]) => void) {
  return useCartMutation<{ editionId: string; quantity: number }>(
    ({ editionId, quantity }) =>
      quantity === 0 ? deleteItem(editionId) : patchItem(editionId, quantity),
    (cart, { editionId, quantity }) => {
      const before = cart.items.find((i) => i.editionId === editionId)?.quantity ?? 0;
      const items = cart.items
        .map((i) =>
          i.editionId === editionId
            ? {
                ...i,
                quantity,
                lineTotalCents: i.unitPriceCents * quantity,
                purchasable: i.stock === null || (quantity <= i.stock && i.stock > 0),
              }
            : i,
        )
        .filter((i) => i.quantity > 0);
      return { cart: recount(cart, items), countDelta: quantity - before };
    },
    onNotices,
  );
}

export function useRemoveItem() {
  return useCartMutation<{ editionId: string }>(
    ({ editionId }) => deleteItem(editionId),
    (cart, { editionId }) => {
      const before = cart.items.find((i) => i.editionId === editionId)?.quantity ?? 0;
      return {
        cart: recount(
          cart,
          cart.items.filter((i) => i.editionId !== editionId),
        ),
        countDelta: -before,
      };
    },
  );
}

export function useClearCart() {
  return useCartMutation<void>(
    () => deleteCart(),
    (cart) => ({ cart: recount(cart, []), countDelta: -cart.itemCount }),
  );
}
