import type { Metadata } from 'next';
import Link from 'next/link';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { CartNotices } from '@/components/cart/cart-notices';
import { Button } from '@/components/ui/button';
import { requirePageUser } from '@/lib/auth';
import { getCart } from '@/lib/cart';
import { COUNTRIES } from '@/lib/orders/countries';
import { mailMode } from '@/lib/mail';

export const metadata: Metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  const user = await requirePageUser('/checkout');
  const cart = await getCart({ userId: user.id });
  return (
    <div className="container-shop py-8 sm:py-12">
      <h1 className="mb-6 text-3xl font-extrabold tracking-tight">Checkout</h1>
      {cart.items.length === 0 ? (
        <div className="flex flex-col items-start gap-4">
          <p>Your cart is empty.</p>
          <Button asChild>
            <Link href="/products">Browse games</Link>
          </Button>
        </div>
      ) : (
        <div className="flex flex-col gap-6">
          <CartNotices notices={cart.notices} />
          <CheckoutForm
            cart={cart}
            defaultName={user.name}
            countries={COUNTRIES}
            giftsByMail={mailMode() !== 'disabled'}
          />
        </div>
      )}
    </div>
  );
}
