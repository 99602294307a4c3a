import type { ReactNode } from 'react';
import Link from 'next/link';
import { ChevronRight } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import type { ProductSummary } from '@/lib/catalog/types';
import { ProductGrid } from './product-grid';

export type ProductShelfProps = {
  /** Anchor id of the section; the heading gets `${id}-heading`. */
  id: string;
  title: string;
  description?: string;
  products: ProductSummary[];
  /** Where "See all" leads; omitted when the shelf is the whole list. */
  href?: string;
  /** Visible text of that link when "See all" would mislead (e.g. it leads to the whole catalog). */
  linkLabel?: string;
  /** Shown when the shelf has no products. */
  empty?: ReactNode;
  eagerCount?: number;
  className?: string;
};

/** A titled section of the storefront (featured, new releases, top sellers…) holding a product grid. */
export function ProductShelf({
  id,
  title,
  description,
  products,
  href,
  linkLabel,
  empty,
  eagerCount = 0,
  className,
}: ProductShelfProps) {
  const headingId = `${id}-heading`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      data-testid={`shelf-${id}`}
      className={cn('scroll-mt-24', className)}
    >
      <div className="mb-4 flex flex-wrap items-end justify-between gap-x-4 gap-y-1 sm:mb-6">
        <div className="min-w-0">
          <h2 id={headingId} className="text-xl font-bold tracking-tight sm:text-2xl">
            {title}
          </h2>
          {description && <p className="mt-1 text-sm text-muted-foreground">{description}</p>}
        </div>
        {href && (
          <Link
            href={href}
            className="inline-flex items-center gap-1 rounded-sm text-sm font-semibold text-neon underline-offset-4 hover:underline"
          >
            {linkLabel ?? (
              <>
                See all<span className="sr-only"> {title.toLowerCase()}</span>
              </>
            )}
            <ChevronRight className="size-4" aria-hidden="true" />
          </Link>
        )}
      </div>
      <ProductGrid products={products} eagerCount={eagerCount} empty={empty} />
    </section>
  );
}
