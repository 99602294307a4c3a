'use client';

import { useEffect, useState } from 'react';
import Link from 'next/link';
import { Check, ShoppingCart } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useAddToCart } from './use-cart';

/**
 * Adds one copy to the cart (guest or signed in). The header badge moves at once; if the server
 * refuses (out of stock meanwhile), the badge goes back and the reason is shown.
 */
export function AddToCartButton({
  editionId,
  disabled,
  className,
}: {
  editionId: string;
  disabled?: boolean;
  className?: string;
}) {
  const [notice, setNotice] = useState<string | null>(null);
  const [justAdded, setJustAdded] = useState(false);
  const add = useAddToCart((notices) =>
    setNotice(notices.find((n) => n.editionId === editionId)?.message ?? null),
  );

  useEffect(() => {
    if (!justAdded) return;
    const t = setTimeout(() => setJustAdded(false), 2500);
    return () => clearTimeout(t);
  }, [justAdded]);

  const onClick = () => {
    setNotice(null);
    add.mutate({ editionId, quantity: 1 }, { onSuccess: () => setJustAdded(true) });
  };

  return (
    <div className={cn('flex flex-col gap-2', className)}>
      <Button
        size="lg"
        type="button"
        data-testid="add-to-cart"
        disabled={disabled || add.isPending}
        onClick={onClick}
        className="w-full sm:w-auto"
      >
        {justAdded ? <Check aria-hidden="true" /> : <ShoppingCart aria-hidden="true" />}
        {disabled
          ? 'Out of stock'
          : add.isPending
            ? 'Adding…'
            : justAdded
              ? 'Added to cart'
              : 'Add to cart'}
      </Button>
      <div aria-live="polite" className="text-sm">
        {add.isError && (
          <p role="alert" className="text-danger-text">
            {add.error.message}
          </p>
        )}
        {notice && <p className="text-warning">{notice}</p>}
        {justAdded && (
          <Link href="/cart" className="text-neon underline-offset-4 hover:underline">
            View cart
          </Link>
        )}
      </div>
    </div>
  );
}
