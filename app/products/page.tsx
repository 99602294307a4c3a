import { Suspense } from 'react';
import type { Metadata } from 'next';
import { BrowserSkeleton } from '@/components/catalog/browser-skeleton';
import { ProductBrowser } from '@/components/catalog/product-browser';

export const metadata: Metadata = {
  title: 'All games',
  description: 'Browse every game in the shop by genre, platform and price.',
};

/**
 * A prerendered shell: the listing itself is read from the URL in the browser and fetched from
 * the cached catalog API, so this page is served as a static file at any load.
 */
export default function ProductsPage() {
  return (
    <div className="container-shop flex flex-col gap-6 py-8 sm:py-10">
      <div>
        <h1 className="text-2xl font-extrabold tracking-tight sm:text-3xl">All games</h1>
        <p className="mt-1 text-muted-foreground">
          Filter by genre, platform and price, or sort to find your next game.
        </p>
      </div>
      <Suspense fallback={<BrowserSkeleton />}>
        <ProductBrowser />
      </Suspense>
    </div>
  );
}
