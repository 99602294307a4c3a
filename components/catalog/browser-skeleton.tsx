import { Skeleton } from '@/components/ui/skeleton';
import { ProductGridSkeleton } from '@/components/product/product-card-skeleton';

/** What a listing looks like before its client code has read the URL: same layout, no jump. */
export function BrowserSkeleton() {
  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_1fr] lg:gap-8">
      <div className="hidden flex-col gap-5 lg:flex" aria-hidden="true">
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="flex flex-col gap-2">
            <Skeleton className="h-4 w-20" />
            <Skeleton className="h-10 w-full" />
          </div>
        ))}
      </div>
      <div className="flex flex-col gap-4">
        <div className="flex items-center justify-between" aria-hidden="true">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-10 w-44" />
        </div>
        <ProductGridSkeleton count={10} />
      </div>
    </div>
  );
}
