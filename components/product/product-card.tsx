import Image from 'next/image';
import Link from 'next/link';
import { Gamepad2 } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { ProductSummary } from '@/lib/catalog/types';
import { formatMoney } from '@/lib/format/money';
import { productCoverSizes } from './grid-columns';
import { RatingStars } from './rating-stars';
import { LiveStockBadge } from './stock-badge';

export type ProductCardProps = {
  product: ProductSummary;
  /** Level of the title heading, one below the heading of the section the card sits in. */
  headingLevel?: 2 | 3 | 4;
  /** Load the cover immediately: for cards in the first visible row. */
  eager?: boolean;
  /** `product.stock` was read live for this render; otherwise the card asks for it. */
  stockIsLive?: boolean;
  className?: string;
};

export function ProductCard({
  product,
  headingLevel = 3,
  eager = false,
  stockIsLive = false,
  className,
}: ProductCardProps) {
  const Heading = headingLevel === 2 ? 'h2' : headingLevel === 4 ? 'h4' : 'h3';
  const href = `/products/${encodeURIComponent(product.slug)}`;
  const platforms = product.platforms.slice(0, 2).join(' · ');

  return (
    <article
      data-testid="product-card"
      className={cn(
        'group relative flex w-full flex-col overflow-hidden rounded-lg border bg-card text-card-foreground transition',
        'hover:-translate-y-0.5 hover:border-primary/60 hover:shadow-glow',
        'has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-ring has-[a:focus-visible]:ring-offset-2 has-[a:focus-visible]:ring-offset-background',
        className,
      )}
    >
      <div className="relative aspect-[3/4] overflow-hidden bg-muted">
        {product.coverUrl ? (
          <Image
            src={product.coverUrl}
            alt={product.coverAlt}
            fill
            unoptimized
            sizes={productCoverSizes}
            loading={eager ? 'eager' : 'lazy'}
            className="object-cover transition-transform duration-300 group-hover:scale-[1.03]"
          />
        ) : (
          <div className="flex h-full items-center justify-center text-muted-foreground">
            <Gamepad2 className="size-10" aria-hidden="true" />
          </div>
        )}
        <LiveStockBadge
          countedEditionIds={product.countedEditionIds}
          unlimited={product.unlimited}
          fresh={stockIsLive ? product.stock : undefined}
          className="absolute top-2 left-2 shadow"
        />
      </div>

      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <Heading className="line-clamp-2 text-sm leading-snug font-semibold">
          {/* The link's ::after covers the whole card, so the card is one click target and one tab stop. */}
          <Link
            href={href}
            className="outline-none after:absolute after:inset-0 after:content-[''] hover:text-primary"
          >
            {product.title}
          </Link>
        </Heading>
        <RatingStars rating={product.rating} ratingCount={product.ratingCount} />
        <div className="mt-auto flex items-baseline justify-between gap-2 pt-1">
          <p className="text-base font-bold text-foreground" data-testid="product-price">
            {formatMoney(product.priceCents, product.currency)}
          </p>
          {platforms && (
            <p
              className="truncate text-xs text-muted-foreground"
              title={product.platforms.join(', ')}
            >
              {platforms}
            </p>
          )}
        </div>
      </div>
    </article>
  );
}
