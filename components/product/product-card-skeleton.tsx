import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/components/ui/cn';
import { productGridClassName } from './grid-columns';

export function ProductCardSkeleton({ className }: { className?: string }) {
  return (
    <div
      className={cn('flex w-full flex-col overflow-hidden rounded-lg border bg-card', className)}
    >
      <Skeleton className="aspect-[3/4] w-full rounded-none" />
      <div className="flex flex-col gap-2 p-3">
        <Skeleton className="h-4 w-4/5" />
        <Skeleton className="h-3 w-1/2" />
        <div className="flex items-center justify-between pt-1">
          <Skeleton className="h-5 w-14" />
          <Skeleton className="h-3 w-10" />
        </div>
      </div>
    </div>
  );
}

/** Placeholder grid for loading states; announces itself once instead of per card. */
export function ProductGridSkeleton({
  count = 10,
  label = 'Loading games',
  className,
}: {
  count?: number;
  label?: string;
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" className={className}>
      <span className="sr-only">{label}</span>
      <div className={productGridClassName}>
        {Array.from({ length: count }, (_, i) => (
          <ProductCardSkeleton key={i} />
        ))}
      </div>
    </div>
  );
}
