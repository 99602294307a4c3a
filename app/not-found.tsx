import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { SearchForm } from '@/components/layout/search-form';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <div className="container-shop flex flex-col items-center py-20 text-center sm:py-28">
      <p
        className="font-mono text-sm font-semibold tracking-widest text-primary"
        aria-hidden="true"
      >
        404 · GAME OVER
      </p>
      <h1 className="mt-3 text-3xl font-extrabold tracking-tight sm:text-4xl">Page not found</h1>
      <p className="mt-4 max-w-md text-muted-foreground">
        The page you were looking for has moved or never existed. Try a search, or head back to the
        shop.
      </p>
      <SearchForm
        inputId="not-found-search"
        landmarkLabel="Search the catalog"
        size="lg"
        className="mt-8 w-full max-w-md"
      />
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Button asChild>
          <Link href="/">Go to the home page</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/products">Browse games</Link>
        </Button>
      </div>
    </div>
  );
}
