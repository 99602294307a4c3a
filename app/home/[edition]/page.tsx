import Link from 'next/link';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Sparkles } from 'lucide-react';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ProductShelf } from '@/components/product/product-shelf';
import { listProducts } from '@/lib/catalog';
import { featuredProducts } from '@/lib/catalog/featured';
import { leaderboard } from '@/lib/leaderboards';

/** Two full rows at the widest grid (5 columns). */
const FEATURED_LIMIT = 10;
/** One full row. */
const SHELF_LIMIT = 5;
/** The one edition of the home page; `/` rewrites to it. */
const HOME_EDITION = 'default';

function Hero() {
  return (
    <section aria-labelledby="hero-heading" className="relative isolate overflow-hidden border-b">
      <div
        aria-hidden="true"
        className="bg-arcade-grid absolute inset-0 -z-10 [mask-image:linear-gradient(to_bottom,black,transparent)]"
      />
      <div
        aria-hidden="true"
        className="absolute -top-32 left-1/2 -z-10 size-[36rem] -translate-x-1/2 rounded-full bg-primary/20 blur-3xl"
      />
      <div
        aria-hidden="true"
        className="absolute -right-24 -bottom-40 -z-10 size-[28rem] rounded-full bg-neon/10 blur-3xl"
      />
      <div className="container-shop py-14 sm:py-20 lg:py-24">
        <p className="inline-flex items-center gap-2 rounded-full border border-primary/40 bg-primary/10 px-3 py-1 text-xs font-semibold text-primary">
          <Sparkles className="size-3.5" aria-hidden="true" />
          Digital games for every platform
        </p>
        <h1
          id="hero-heading"
          className="mt-5 max-w-3xl text-4xl font-extrabold tracking-tight text-balance sm:text-5xl lg:text-6xl"
        >
          Press start on your <span className="text-primary">next favorite game</span>
        </h1>
        <p className="mt-5 max-w-2xl text-base text-pretty text-muted-foreground sm:text-lg">
          Browse the catalog by platform and genre, search for the one you have in mind, and check
          out in a few clicks.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Button asChild size="lg">
            <Link href="/products">Browse all games</Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <a href="#featured">See featured picks</a>
          </Button>
        </div>
      </div>
    </section>
  );
}

function NoFeaturedGames() {
  return (
    <Alert>
      <AlertTitle>No featured games right now</AlertTitle>
      <AlertDescription>
        <p>
          Our picks are being refreshed.{' '}
          <Link href="/products" className="font-semibold text-neon underline underline-offset-4">
            Browse the full catalog
          </Link>{' '}
          in the meantime.
        </p>
      </AlertDescription>
    </Alert>
  );
}

function EmptyBoard({ what }: { what: string }) {
  return <p className="text-sm text-muted-foreground">No {what} recorded yet: check back soon.</p>;
}

/**
 * The home page, served at `/` through a rewrite (next.config.ts). Living under a dynamic segment
 * makes it incremental: rendered on the first visit, kept in the shared page cache and retired
 * with the catalog, yet never prerendered at build time (which would need a database).
 */
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { edition: string }[] {
  return [];
}

export const metadata: Metadata = { alternates: { canonical: '/' } };

export default async function HomePage({ params }: { params: Promise<{ edition: string }> }) {
  if ((await params).edition !== HOME_EDITION) notFound();
  // Each shelf is a cached catalog read: a warm home page costs no database query.
  const [featured, newReleases, topSellers, mostViewed] = await Promise.all([
    featuredProducts(FEATURED_LIMIT),
    listProducts({ sort: 'newest', pageSize: SHELF_LIMIT }).then((page) => page.items),
    leaderboard('top-sellers', SHELF_LIMIT),
    leaderboard('most-viewed', SHELF_LIMIT),
  ]);

  return (
    <>
      <Hero />
      <div className="container-shop flex flex-col gap-14 py-10 sm:py-14">
        <ProductShelf
          id="featured"
          title="Featured games"
          description="Hand-picked by our team, best rated first."
          products={featured}
          href="/products"
          linkLabel="Browse all games"
          eagerCount={5}
          empty={<NoFeaturedGames />}
        />
        <ProductShelf
          id="new-releases"
          title="New releases"
          description="The latest games to land in the shop."
          products={newReleases}
          href="/products?sort=newest"
        />
        <ProductShelf
          id="top-sellers"
          title="Top sellers"
          description="What players are buying most."
          products={topSellers}
          href="/products?sort=best_selling"
          empty={<EmptyBoard what="sales" />}
        />
        <ProductShelf
          id="most-viewed"
          title="Most viewed"
          description="The games everyone is looking at."
          products={mostViewed}
          empty={<EmptyBoard what="views" />}
        />
      </div>
    </>
  );
}
