import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import type { ProductSummary } from '@/lib/catalog/types';
import { productGridClassName } from './grid-columns';
import { ProductCard, type ProductCardProps } from './product-card';

export type ProductGridProps = {
  products: ProductSummary[];
  headingLevel?: ProductCardProps['headingLevel'];
  /** How many leading covers load eagerly: roughly the first row on a wide screen. */
  eagerCount?: number;
  /** The products' stock was read live for this render (not from a cached page): show it at once. */
  stockIsLive?: boolean;
  /** Shown instead of the grid when there are no products. */
  empty?: ReactNode;
  className?: string;
  'aria-label'?: string;
};

/** Responsive list of product cards: 2 columns on phones up to 5 on wide screens. */
export function ProductGrid({
  products,
  headingLevel = 3,
  eagerCount = 5,
  empty = null,
  stockIsLive = false,
  className,
  'aria-label': ariaLabel,
}: ProductGridProps) {
  if (products.length === 0) return <>{empty}</>;
  return (
    <ul role="list" aria-label={ariaLabel} className={cn(productGridClassName, className)}>
      {products.map((product, index) => (
        <li key={product.id} className="flex">
          <ProductCard
            product={product}
            headingLevel={headingLevel}
            eager={index < eagerCount}
            stockIsLive={stockIsLive}
          />
        </li>
      ))}
    </ul>
  );
}
