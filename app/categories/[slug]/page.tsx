import { Suspense } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BrowserSkeleton } from '@/components/catalog/browser-skeleton';
import { CategoryBrowser } from '@/components/catalog/category-browser';
import { getCategory, type CategorySummary } from '@/lib/catalog';
import { NotFoundError } from '@/lib/errors';

type Props = { params: Promise<{ slug: string }> };

async function categoryOr404(slug: string): Promise<CategorySummary> {
  try {
    return await getCategory(slug);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const category = await categoryOr404((await params).slug);
  return { title: `${category.name} games`, description: category.description };
}

export default async function CategoryPage({ params }: Props) {
  await connection();
  const category = await categoryOr404((await params).slug);
  return (
    <div className="container-shop flex flex-col gap-6 py-8 sm:py-10">
      <div>
        <p className="text-sm text-muted-foreground">
          <Link href="/categories" className="hover:text-foreground">
            Categories
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-extrabold tracking-tight sm:text-3xl">{category.name}</h1>
        {category.description && (
          <p className="mt-1 max-w-2xl text-muted-foreground">{category.description}</p>
        )}
      </div>
      <Suspense fallback={<BrowserSkeleton />}>
        <CategoryBrowser slug={category.slug} />
      </Suspense>
    </div>
  );
}
