import type { LoadOptions, LoadResult } from './harness';
import { auth } from './auth';
import { flashSale } from './flash-sale';
import { mixed } from './mixed';
import { orders } from './orders';

export type BenchContext = {
  baseUrl: string;
  /** Runs a load and records it; ratios are computed against the baseline of the same run. */
  measure: (options: LoadOptions) => Promise<LoadResult>;
  /** Adds a line of non-throughput figures (correctness counts, derived ratios). */
  report: (name: string, figures: Record<string, string | number>) => void;
};

export type Scenario = {
  name: string;
  /** What the scenario's throughput is compared with: the trivial JSON route unless stated. */
  run: (ctx: BenchContext) => Promise<void>;
};

/**
 * Routes measured by `npm run bench`. Each capability adds its own; each figure is reported as
 * a ratio to a baseline measured in the same run, because absolute numbers on a shared
 * machine mean little.
 */
export const scenarios: Scenario[] = [
  {
    name: 'foundation',
    run: async ({ baseUrl, measure }) => {
      await measure({ name: 'GET /api/health', url: `${baseUrl}/api/health` });
      await measure({ name: 'GET / (home)', url: `${baseUrl}/` });
    },
  },
  {
    // Targets: cached listing API >= 0.9 of the baseline; /products >= 0.8 of a static page its size.
    name: 'catalog',
    run: async ({ baseUrl, measure, report }) => {
      const list = await measure({
        name: 'GET /api/v1/products (cached)',
        url: `${baseUrl}/api/v1/products?sort=rating`,
      });
      await measure({
        name: 'GET /api/v1/products?q= (cached search)',
        url: `${baseUrl}/api/v1/products?q=galaxy`,
      });
      const staticPage = await measure({
        name: 'GET /bench/static (static reference)',
        url: `${baseUrl}/bench/static`,
      });
      const productsPage = await measure({
        name: 'GET /products (page)',
        url: `${baseUrl}/products`,
      });
      const first = (await (await fetch(`${baseUrl}/api/v1/products?pageSize=1`)).json()) as {
        items: Array<{ slug: string }>;
      };
      const slug = first.items[0]?.slug;
      const detail = slug
        ? await measure({
            name: 'GET /products/[slug] (cached data)',
            url: `${baseUrl}/products/${slug}`,
          })
        : undefined;
      report('catalog ratios', {
        '/products vs /bench/static': (productsPage.rps / staticPage.rps).toFixed(2),
        'listing API req/s': Math.round(list.rps),
        'detail page req/s': detail ? Math.round(detail.rps) : 'n/a',
      });
    },
  },
  {
    // A browsing crowd alone and with buyers ordering: throughput ratio >= 0.9, p99 ratio <= 2.
    name: 'mixed',
    run: mixed,
  },
  {
    // Orders of distinct games by distinct buyers at an offered 150 a second: placed/s and p99.
    name: 'orders',
    run: orders,
  },
  {
    // 100 units, 2,000 checkouts within a second: must make exactly 100 orders, no oversell, no 5xx.
    name: 'flash-sale',
    run: flashSale,
  },
  {
    // Logins against the hashing ceiling (cores ÷ one bcrypt hash at BCRYPT_COST); the session
    // check of /api/v1/auth/me against the trivial route, with no non-2xx allowed.
    name: 'auth',
    run: auth,
  },
];
