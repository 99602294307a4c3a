'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ApiError, callApi } from '@/components/cart/cart-api';
import { CartSummary } from '@/components/cart/cart-summary';
import { formatMoney } from '@/lib/format/money';
import type { CartView } from '@/lib/cart/types';
import type { PlacedOrder } from '@/lib/orders/types';
import { AddressFields } from './address-fields';
import { PaymentMethodField, type Method } from './payment-method-field';

const newKey = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/**
 * Places the order through POST /api/v1/orders. The Idempotency-Key is made once per form, so a
 * double click or a retry after a dropped connection cannot order twice; it is renewed only after
 * the server definitively refused (nothing was stored under it).
 */
export function CheckoutForm({ cart, defaultName }: { cart: CartView; defaultName: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(newKey);
  const [method, setMethod] = useState<Method>('card');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '');
    const body = {
      shippingAddress: {
        name: text('name'),
        line1: text('line1'),
        line2: text('line2') || undefined,
        city: text('city'),
        postalCode: text('postalCode'),
        country: text('country'),
      },
      paymentMethod: method,
    };
    setPending(true);
    setError(null);
    setFields({});
    try {
      const placed = await callApi<PlacedOrder>('/api/v1/orders', { method: 'POST', body, headers: { 'idempotency-key': key } });
      await queryClient.invalidateQueries({ queryKey: ['cart'] });
      router.push(placed.paymentUrl ?? `/orders/${placed.order.id}`);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError('Something went wrong.', 0);
      setError(apiError.message);
      setFields(apiError.fields ?? {});
      if (apiError.status >= 400 && apiError.status < 500 && apiError.status !== 422) setKey(newKey());
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-8 lg:grid-cols-[1fr_22rem]" aria-describedby={error ? 'checkout-error' : undefined}>
      <div className="flex flex-col gap-6">
        {error && (
          <Alert variant="destructive" id="checkout-error">
            <AlertDescription>
              {error} {error.includes('stock') || error.includes('cart') ? <Link href="/cart" className="underline">Review your cart</Link> : null}
            </AlertDescription>
          </Alert>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Shipping address</CardTitle>
          </CardHeader>
          <CardContent>
            <AddressFields defaultName={defaultName} errors={fields} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Payment</CardTitle>
          </CardHeader>
          <CardContent>
            <PaymentMethodField value={method} onChange={setMethod} error={fields.paymentMethod?.[0]} />
          </CardContent>
        </Card>
      </div>
      <Card className="h-fit">
        <CardHeader>
          <CardTitle>Order summary</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ul className="flex flex-col gap-2 text-sm">
            {cart.items.map((i) => (
              <li key={i.productId} className="flex justify-between gap-3">
                <span>
                  {i.quantity} × {i.title}
                </span>
                <span className="tabular-nums">{formatMoney(i.lineTotalCents, i.currency)}</span>
              </li>
            ))}
          </ul>
          <CartSummary subtotalCents={cart.subtotalCents} currency={cart.currency} />
          <Button type="submit" size="lg" disabled={pending || !cart.canCheckout} data-testid="place-order">
            {pending ? 'Placing order…' : method === 'cod' ? 'Place order' : 'Place order and pay'}
          </Button>
          {!cart.canCheckout && (
            <p className="text-xs text-muted-foreground">
              Some items need attention. <Link href="/cart" className="underline">Back to the cart</Link>
            </p>
          )}
        </CardContent>
      </Card>
    </form>
  );
}
