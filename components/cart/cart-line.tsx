'use client';

import Link from 'next/link';
import { Minus, Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/format/money';
import { MAX_LINE_QUANTITY } from '@/lib/cart/limits';
import type { CartLine as Line } from '@/lib/cart/types';

type Props = {
  line: Line;
  busy: boolean;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
};

export function CartLine({ line, busy, onQuantity, onRemove }: Props) {
  const max = Math.min(line.stock ?? MAX_LINE_QUANTITY, MAX_LINE_QUANTITY);
  const money = (c: number) => formatMoney(c, line.currency);
  return (
    <li
      data-testid="cart-line"
      data-product-id={line.productId}
      data-edition-id={line.editionId}
      className="flex gap-4 py-4"
    >
      <div className="h-24 w-18 shrink-0 overflow-hidden rounded-md bg-muted">
        {line.coverUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- covers are small, already sized
          <img src={line.coverUrl} alt="" className="h-full w-full object-cover" />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex items-start justify-between gap-3">
          <Link href={`/products/${line.slug}`} className="font-semibold hover:underline">
            {line.title}
          </Link>
          <span className="sr-only">, </span>
          <span className="font-semibold tabular-nums" data-testid="line-total">
            {money(line.lineTotalCents)}
          </span>
        </div>
        <p className="text-sm text-muted-foreground" data-testid="line-edition">
          {line.editionName} ·{' '}
          {line.delivery === 'physical'
            ? 'shipped'
            : line.delivery === 'key'
              ? 'key in your library'
              : 'download in your library'}
        </p>
        <p className="text-sm text-muted-foreground">
          {money(line.unitPriceCents)} each
          {line.seenPriceCents !== line.unitPriceCents && (
            <span className="ml-2 line-through">{money(line.seenPriceCents)}</span>
          )}
          {line.stock === null
            ? ''
            : line.stock === 0
              ? ' · Out of stock'
              : line.stock <= 5
                ? ` · Only ${line.stock} left`
                : ''}
        </p>
        <div className="flex items-center gap-2">
          <Button
            variant="outline"
            size="icon-sm"
            aria-label={`One fewer ${line.title}`}
            disabled={busy || line.quantity <= 1}
            onClick={() => onQuantity(line.quantity - 1)}
          >
            <Minus aria-hidden="true" />
          </Button>
          <span
            className="w-8 text-center tabular-nums"
            aria-label={`Quantity of ${line.title}`}
            data-testid="line-quantity"
          >
            {line.quantity}
          </span>
          <Button
            variant="outline"
            size="icon-sm"
            aria-label={`One more ${line.title}`}
            disabled={busy || line.quantity >= max}
            onClick={() => onQuantity(line.quantity + 1)}
          >
            <Plus aria-hidden="true" />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            disabled={busy}
            onClick={onRemove}
            aria-label={`Remove ${line.title}`}
          >
            <Trash2 aria-hidden="true" />
            Remove
          </Button>
        </div>
      </div>
    </li>
  );
}
