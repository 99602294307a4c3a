import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronRight } from 'lucide-react';
import { ProductGallery } from '@/components/catalog/product-gallery';
import { SpecsTable } from '@/components/catalog/specs-table';
import { ViewBeacon } from '@/components/catalog/view-beacon';
import { ProductShelf } from '@/components/product/product-shelf';
import { RatingStars } from '@/components/product/rating-stars';
import { ProductAvailability } from '@/components/product/product-availability';
import { Badge } from '@/components/ui/badge';
import { getProductPage } from '@/lib/catalog';
import { NotFoundError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';

type Props = { params: Promise<{ slug: string }> };

// Incremental static regeneration: a page is rendered on its first visit, kept in the shared
// page cache (Redis) and retired with the catalog on every write, so visits run no render and no
// query. Nothing is prerendered at build time, so builds never need a database.
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

/** Unknown or archived games become the 404 page; anything else is a real failure. */
async function productOr404(slug: string): ReturnType<typeof getProductPage> {
  try {
    return await getProductPage(slug);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await productOr404((await params).slug);
  return {
    title: product.title,
    description: product.description.slice(0, 160),
    openGraph: { title: product.title, images: product.coverUrl ? [product.coverUrl] : [] },
  };
}

const releaseFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export default async function ProductPage({ params }: Props) {
  const { product, similar } = await productOr404((await params).slug);
  const released = releaseFormat.format(new Date(`${product.releaseDate}T00:00:00Z`));

  return (
    <div className="container-shop flex flex-col gap-12 py-6 sm:py-10">
      <ViewBeacon slug={product.slug} />
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground">
          <li>
            <Link href="/products" className="hover:text-foreground">
              Games
            </Link>
          </li>
          <li aria-hidden="true">
            <ChevronRight className="size-4" />
          </li>
          <li>
            <Link href={`/categories/${product.category.slug}`} className="hover:text-foreground">
              {product.category.name}
            </Link>
          </li>
          <li aria-hidden="true">
            <ChevronRight className="size-4" />
          </li>
          <li aria-current="page" className="truncate text-foreground">
            {product.title}
          </li>
        </ol>
      </nav>

      <article className="grid gap-8 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:gap-12">
        <ProductGallery images={product.images} title={product.title} />

        <div className="flex flex-col gap-6">
          <header className="flex flex-col gap-3">
            <h1 className="text-3xl font-extrabold tracking-tight sm:text-4xl">{product.title}</h1>
            <p className="text-sm text-muted-foreground">
              {product.developer}
              {product.publisher && product.publisher !== product.developer && (
                <> · Published by {product.publisher}</>
              )}
            </p>
            <RatingStars rating={product.rating} ratingCount={product.ratingCount} />
          </header>

          <div className="flex flex-col gap-4 rounded-lg border bg-card p-5">
            <div className="flex flex-wrap items-center gap-3">
              <p className="text-3xl font-bold" data-testid="product-price">
                {product.editions.length > 1 && (
                  <span className="mr-2 text-base font-normal text-muted-foreground">from</span>
                )}
                {formatMoney(product.priceCents, product.currency)}
              </p>
            </div>
            <ProductAvailability editions={product.editions} />
          </div>

          <div className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold text-muted-foreground">Platforms</h2>
            <ul role="list" className="flex flex-wrap gap-2">
              {product.platforms.map((platform) => (
                <li key={platform}>
                  <Badge variant="outline">{platform}</Badge>
                </li>
              ))}
            </ul>
          </div>

          <div className="flex flex-col gap-2">
            <h2 className="text-sm font-semibold text-muted-foreground">Genres</h2>
            <ul role="list" className="flex flex-wrap gap-2">
              {product.genres.map((genre) => (
                <li key={genre}>
                  <Link
                    href={`/products?genre=${encodeURIComponent(genre)}`}
                    className="rounded-full focus-visible:outline-2"
                  >
                    <Badge variant="secondary">{genre}</Badge>
                  </Link>
                </li>
              ))}
            </ul>
          </div>

          <section aria-labelledby="about-heading" className="flex flex-col gap-3">
            <h2 id="about-heading" className="text-xl font-bold">
              About this game
            </h2>
            <div
              className="flex flex-col gap-3 leading-relaxed text-muted-foreground"
              data-testid="product-description"
            >
              {product.description.split(/\n{2,}/).map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
            </div>
          </section>

          <section aria-labelledby="specs-heading" className="flex flex-col gap-3">
            <h2 id="specs-heading" className="text-xl font-bold">
              Specifications
            </h2>
            <SpecsTable
              specs={product.specs}
              facts={[
                ['Release date', released],
                ['Developer', product.developer],
                ['Publisher', product.publisher],
                ['Platforms', product.platforms.join(', ')],
              ]}
            />
          </section>
        </div>
      </article>

      <ProductShelf
        id="more-like-this"
        title="More like this"
        description={`Games that share a genre with ${product.title}.`}
        products={similar}
        href={
          product.genres[0] ? `/products?genre=${encodeURIComponent(product.genres[0])}` : undefined
        }
        empty={<p className="text-muted-foreground">Nothing similar in the shop yet.</p>}
      />
    </div>
  );
}
