'use client';

import { useState } from 'react';
import Link from 'next/link';
import { ShoppingCart } from 'lucide-react';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { CartNotice } from '@/lib/cart/types';
import { CartLine } from './cart-line';
import { CartNotices } from './cart-notices';
import { CartSummary } from './cart-summary';
import { useCart, useClearCart, useRemoveItem, useSetQuantity } from './use-cart';

/** The cart page body: lines, notices about stock and prices, and the summary. */
export function CartView() {
  const cart = useCart();
  const [lastNotices, setLastNotices] = useState<CartNotice[]>([]);
  const setQuantity = useSetQuantity(setLastNotices);
  const remove = useRemoveItem();
  const clear = useClearCart();
  const error = setQuantity.error ?? remove.error ?? clear.error;
  const busy = setQuantity.isPending || remove.isPending || clear.isPending;

  if (cart.isPending) {
    return (
      <div className="grid gap-3" aria-busy="true" aria-label="Loading your cart">
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (cart.isError) {
    return (
      <Alert variant="destructive">
        <AlertDescription>
          Your cart could not be loaded.{' '}
          <button className="underline" onClick={() => void cart.refetch()}>
            Try again
          </button>
        </AlertDescription>
      </Alert>
    );
  }

  const view = cart.data;
  const transient = lastNotices.filter((n) => n.kind === 'clamped');
  if (!view.items.length) {
    return (
      <div className="flex flex-col items-center gap-4 py-16 text-center" data-testid="cart-empty">
        {error && (
          <p role="alert" className="text-danger-text">
            {error.message}
          </p>
        )}
        <ShoppingCart className="size-12 text-muted-foreground" aria-hidden="true" />
        <p className="text-lg font-semibold">Your cart is empty</p>
        <Button asChild>
          <Link href="/products">Browse games</Link>
        </Button>
      </div>
    );
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="cart-items-heading" className="flex flex-col gap-4">
        <h2 id="cart-items-heading" className="sr-only">
          Items
        </h2>
        {error && (
          <Alert variant="destructive">
            <AlertDescription>{error.message}</AlertDescription>
          </Alert>
        )}
        <CartNotices notices={[...transient, ...view.notices]} />
        <ul className="divide-y divide-border">
          {view.items.map((line) => (
            <CartLine
              key={line.editionId}
              line={line}
              busy={busy}
              onQuantity={(quantity) => setQuantity.mutate({ editionId: line.editionId, quantity })}
              onRemove={() => remove.mutate({ editionId: line.editionId })}
            />
          ))}
        </ul>
        <Button
          variant="ghost"
          size="sm"
          className="self-start"
          disabled={busy}
          onClick={() => clear.mutate()}
        >
          Empty cart
        </Button>
      </section>
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>Summary</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <CartSummary items={view.items} currency={view.currency} />
          {view.canCheckout ? (
            <Button asChild size="lg" data-testid="go-to-checkout">
              <Link href="/checkout">Check out</Link>
            </Button>
          ) : (
            <Button size="lg" disabled data-testid="go-to-checkout">
              Check out
            </Button>
          )}
          {!view.canCheckout && (
            <p className="text-xs text-muted-foreground">
              Fix the items flagged above to check out.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
