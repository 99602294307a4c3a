'use client';

import { useMemo } from 'react';
import { ProductBrowser } from './product-browser';

/** A category's listing: the category comes from the page, every other filter from the URL. */
export function CategoryBrowser({ slug }: { slug: string }) {
  const fixed = useMemo(() => ({ category: slug }), [slug]);
  return <ProductBrowser fixed={fixed} />;
}
