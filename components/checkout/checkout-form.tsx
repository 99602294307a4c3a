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
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { AddressFields } from './address-fields';
import { CountrySelect, type Country } from './country-select';
import { PaymentMethodField, type Method } from './payment-method-field';

const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * Places the order through POST /api/v1/orders. The Idempotency-Key is made once per form, so a
 * double click or a retry after a dropped connection cannot order twice; it is renewed only after
 * the server definitively refused (nothing was stored under it).
 */
export function CheckoutForm({
  cart,
  defaultName,
  countries,
  giftsByMail,
}: {
  cart: CartView;
  defaultName: string;
  countries: readonly Country[];
  giftsByMail: boolean;
}) {
  const router = useRouter();
  const posted = cart.items.some((i) => i.delivery === 'physical');
  const allBoxed = cart.items.every((i) => i.delivery === 'physical');
  const [billingCountry, setBillingCountry] = useState('');
  const [shipCountry, setShipCountry] = useState('US');
  const [asGift, setAsGift] = useState(false);
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
      billingCountry: billingCountry || (posted ? shipCountry : undefined),
      shippingAddress: posted
        ? {
            name: text('name'),
            line1: text('line1'),
            line2: text('line2') || undefined,
            city: text('city'),
            postalCode: text('postalCode'),
            country: shipCountry,
          }
        : undefined,
      paymentMethod: method,
      gift: asGift
        ? { email: text('giftEmail'), message: text('giftMessage') || undefined }
        : undefined,
    };
    setPending(true);
    setError(null);
    setFields({});
    try {
      const placed = await callApi<PlacedOrder>('/api/v1/orders', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': key },
      });
      await queryClient.invalidateQueries({ queryKey: ['cart'] });
      router.push(placed.paymentUrl ?? `/orders/${placed.order.id}`);
    } catch (err) {
      const apiError = err instanceof ApiError ? err : new ApiError('Something went wrong.', 0);
      setError(apiError.message);
      setFields(apiError.fields ?? {});
      if (apiError.status >= 400 && apiError.status < 500 && apiError.status !== 422)
        setKey(newKey());
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="grid gap-8 lg:grid-cols-[1fr_22rem]"
      aria-describedby={error ? 'checkout-error' : undefined}
    >
      <div className="flex flex-col gap-6">
        {error && (
          <Alert variant="destructive" id="checkout-error">
            <AlertDescription>
              {error}{' '}
              {error.includes('stock') || error.includes('cart') ? (
                <Link href="/cart" className="underline">
                  Review your cart
                </Link>
              ) : null}
            </AlertDescription>
          </Alert>
        )}
        {posted && (
          <Card>
            <CardHeader>
              <CardTitle>Shipping address</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-2">
              <p className="text-sm text-muted-foreground">
                Your cart has a boxed edition: where should we send it?
              </p>
              <AddressFields
                defaultName={defaultName}
                errors={fields}
                countries={countries}
                country={shipCountry}
                onCountry={setShipCountry}
              />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Billing</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            <CountrySelect
              id="billing-country"
              name="billingCountry"
              label={posted ? 'Billing country (if not the shipping country)' : 'Billing country'}
              autoComplete="billing country"
              countries={countries}
              value={billingCountry}
              onChange={setBillingCountry}
              error={fields.billingCountry?.[0]}
            />
            {!posted && (
              <p className="text-xs text-muted-foreground">
                Digital games need no address and no shipping: keys and downloads arrive in your
                library.
              </p>
            )}
          </CardContent>
        </Card>
        {!posted && giftsByMail && (
          <Card>
            <CardHeader>
              <CardTitle>Gift</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={asGift}
                  onChange={(e) => setAsGift(e.target.checked)}
                  data-testid="as-gift"
                />
                Send these games to a friend
              </label>
              {asGift && (
                <div className="grid gap-3">
                  <div className="flex flex-col gap-2">
                    <Label htmlFor="gift-email">Friend&apos;s email</Label>
                    <Input
                      id="gift-email"
                      name="giftEmail"
                      type="email"
                      required
                      aria-invalid={fields['gift.email'] ? true : undefined}
                    />
                    {fields['gift.email'] && (
                      <p className="text-sm text-danger-text">{fields['gift.email'][0]}</p>
                    )}
                  </div>
                  <div className="flex flex-col gap-2">
                    <Label htmlFor="gift-message">Message (optional)</Label>
                    <Input id="gift-message" name="giftMessage" maxLength={500} />
                  </div>
                  <p className="text-xs text-muted-foreground">
                    Once you have paid, your friend gets a mail with a link to claim the games into
                    their library.
                  </p>
                </div>
              )}
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Payment</CardTitle>
          </CardHeader>
          <CardContent>
            <PaymentMethodField
              value={method}
              onChange={setMethod}
              error={fields.paymentMethod?.[0]}
              cashOnDelivery={allBoxed}
            />
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
              <li key={i.editionId} className="flex justify-between gap-3">
                <span>
                  {i.quantity} × {i.title}{' '}
                  <span className="text-muted-foreground">({i.editionName})</span>
                </span>
                <span className="tabular-nums">{formatMoney(i.lineTotalCents, i.currency)}</span>
              </li>
            ))}
          </ul>
          <CartSummary
            items={cart.items}
            currency={cart.currency}
            billingCountry={billingCountry || (posted ? shipCountry : null)}
          />
          <Button
            type="submit"
            size="lg"
            disabled={pending || !cart.canCheckout}
            data-testid="place-order"
          >
            {pending ? 'Placing order…' : method === 'cod' ? 'Place order' : 'Place order and pay'}
          </Button>
          {!cart.canCheckout && (
            <p className="text-xs text-muted-foreground">
              Some items need attention.{' '}
              <Link href="/cart" className="underline">
                Back to the cart
              </Link>
            </p>
          )}
        </CardContent>
      </Card>
    </form>
  );
}
