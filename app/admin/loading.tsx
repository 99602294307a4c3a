import { Skeleton } from '@/components/ui/skeleton';

/** Shown while an admin page queries; the shape matches a heading, filters and a table. */
export default function AdminLoading() {
  return (
    <div className="grid gap-6" role="status" aria-label="Loading">
      <Skeleton className="h-9 w-56" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-72 w-full" />
    </div>
  );
}
