import { BrowserSkeleton } from '@/components/catalog/browser-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="container-shop flex flex-col gap-6 py-8 sm:py-10">
      <Skeleton className="h-9 w-48" />
      <BrowserSkeleton />
    </div>
  );
}
