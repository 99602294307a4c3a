import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ChevronRight } from 'lucide-react';
import { listCategories } from '@/lib/catalog';

export const metadata: Metadata = {
  title: 'Categories',
  description: 'Every game by its main genre.',
};

export default async function CategoriesPage() {
  await connection();
  const categories = await listCategories();
  return (
    <div className="container-shop flex flex-col gap-6 py-8 sm:py-10">
      <div>
        <h1 className="text-2xl font-extrabold tracking-tight sm:text-3xl">Categories</h1>
        <p className="mt-1 max-w-2xl text-muted-foreground" data-testid="categories-vs-genres">
          Each game sits in one category, its main genre; the genre filter in{' '}
          <Link
            href="/products"
            className="font-semibold text-neon underline-offset-4 hover:underline"
          >
            Browse
          </Link>{' '}
          and search also finds the styles it mixes in, so an action RPG is in the RPG category and
          under both the Action and RPG genres.
        </p>
      </div>
      {categories.length === 0 ? (
        <p className="text-muted-foreground">The shop has no categories yet.</p>
      ) : (
        <ul role="list" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {categories.map((category) => (
            <li key={category.slug}>
              <Link
                href={`/categories/${category.slug}`}
                className="group flex h-full flex-col gap-1 rounded-lg border bg-card p-5 transition hover:border-primary/60 hover:shadow-glow"
              >
                <span className="flex items-center justify-between text-lg font-semibold group-hover:text-primary">
                  {category.name}
                  <ChevronRight className="size-4" aria-hidden="true" />
                </span>
                <span className="line-clamp-2 text-sm text-muted-foreground">
                  {category.description}
                </span>
                <span className="mt-2 text-xs text-muted-foreground">
                  {category.productCount} {category.productCount === 1 ? 'game' : 'games'}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
