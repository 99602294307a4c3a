import type { Metadata } from 'next';
import { CartView } from '@/components/cart/cart-view';

export const metadata: Metadata = { title: 'Your cart' };

export default function CartPage() {
  return (
    <div className="container-shop py-8 sm:py-12">
      <h1 className="mb-6 text-3xl font-extrabold tracking-tight">Your cart</h1>
      <CartView />
    </div>
  );
}
