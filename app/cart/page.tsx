import type { Metadata } from 'next';
import { CartView } from '@/components/cart/cart-view';
import { productIdForSlug } from '@/lib/cart/lookup';

export const metadata: Metadata = { title: 'Your cart' };

type Props = { searchParams: Promise<{ add?: string | string[] }> };

export default async function CartPage({ searchParams }: Props) {
  const { add } = await searchParams;
  const addProductId = typeof add === 'string' ? ((await productIdForSlug(add)) ?? undefined) : undefined;
  return (
    <div className="container-shop py-8 sm:py-12">
      <h1 className="mb-6 text-3xl font-extrabold tracking-tight">Your cart</h1>
      <CartView addProductId={addProductId} />
    </div>
  );
}
