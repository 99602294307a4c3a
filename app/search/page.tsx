import { Suspense } from 'react';
import type { Metadata } from 'next';
import { BrowserSkeleton } from '@/components/catalog/browser-skeleton';
import { ProductBrowser } from '@/components/catalog/product-browser';
import { Skeleton } from '@/components/ui/skeleton';

export const metadata: Metadata = {
  title: 'Search',
  description: 'Search the catalog by title, genre, studio or description.',
  robots: { index: false },
};

/** Static like /products: the results come from the cached catalog API, read off the URL in the browser. */
export default function SearchPage() {
  return (
    <div className="container-shop py-8 sm:py-10">
      <Suspense
        fallback={
          <div className="flex flex-col gap-6">
            <Skeleton className="h-9 w-64" />
            <BrowserSkeleton />
          </div>
        }
      >
        <ProductBrowser mode="search" />
      </Suspense>
    </div>
  );
}
