import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isValidElement } from 'react';
import { queryCount } from '@/db/client';
import ProductPage, { generateMetadata } from '@/app/products/[slug]/page';
import { invalidateCatalog, resetCatalogCacheForTests } from '@/lib/cache';
import { flushViews, pendingViews } from '@/lib/leaderboards';
import { NextRequest } from 'next/server';
import { POST as postView } from '@/app/api/v1/products/[slug]/views/route';
import { createFixture, type Fixture } from './fixtures';

// Outside a real request Next has no request scope; the page's data path is what is under test.
vi.mock('next/server', async (importOriginal) => ({
  ...(await importOriginal<typeof import('next/server')>()),
  connection: async () => undefined,
}));

let f: Fixture;
const props = (slug: string) => ({ params: Promise.resolve({ slug }) });

beforeAll(async () => {
  resetCatalogCacheForTests();
  f = await createFixture([
    {
      title: 'Page Pulsar',
      priceCents: 1500,
      stock: 4,
      rating: 4.1,
      ratingCount: 30,
      releaseDate: '2024-05-05',
      platforms: ['PC'],
    },
    {
      title: 'Page Quasar',
      priceCents: 2500,
      stock: 4,
      rating: 4.3,
      ratingCount: 30,
      releaseDate: '2024-05-05',
      platforms: ['PC'],
    },
  ]);
  await invalidateCatalog();
});

describe('the product page', () => {
  it('renders a warm view without querying Postgres', async () => {
    const slug = f.slugs.get('Page Pulsar')!;
    await flushViews();
    await generateMetadata(props(slug));
    expect(isValidElement(await ProductPage(props(slug)))).toBe(true);

    const before = queryCount();
    const metadata = await generateMetadata(props(slug));
    const page = await ProductPage(props(slug));
    expect(queryCount() - before).toBe(0);
    expect(metadata.title).toBe('Page Pulsar');
    expect(isValidElement(page)).toBe(true);
    // Views are reported by the browser (the page itself may come from the page cache).
    expect(pendingViews()).toBe(0);
  });

  it('turns an unknown slug into the 404 page', async () => {
    await expect(ProductPage(props('no-such-game-here'))).rejects.toMatchObject({
      digest: expect.stringContaining('404'),
    });
  });
});

describe('POST /api/v1/products/{slug}/views', () => {
  const post = (slug: string, origin?: string) =>
    postView(
      new NextRequest(`http://localhost:3000/api/v1/products/${slug}/views`, {
        method: 'POST',
        headers: origin ? { origin } : {},
      }),
      { params: Promise.resolve({ slug }) },
    );

  it('counts one view of a known game', async () => {
    await flushViews();
    const res = await post(f.slugs.get('Page Quasar')!, 'http://localhost:3000');
    expect(res.status).toBe(204);
    expect(pendingViews()).toBe(1);
    await flushViews();
  });

  it('answers 404 for an unknown game and counts nothing', async () => {
    const res = await post('no-such-game-here');
    expect(res.status).toBe(404);
    expect(pendingViews()).toBe(0);
  });

  it('refuses another site with 403 and counts nothing', async () => {
    const res = await post(f.slugs.get('Page Quasar')!, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(pendingViews()).toBe(0);
  });
});
