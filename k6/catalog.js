// Shoppers browsing the catalog: listings with random filters, sorts and pages, searches, product
// pages and leaderboards. Every route here is served from the shared catalog cache.
//   k6 run -e BASE_URL=http://127.0.0.1:3000 k6/catalog.js
/* global __ENV */
import http from 'k6/http';
import { check, group, sleep } from 'k6';
import { Rate } from 'k6/metrics';

const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const VUS = Number(__ENV.VUS || 50);
const P99_MS = Number(__ENV.P99_MS || 500);
const THINK_SECONDS = Number(__ENV.THINK_SECONDS || 1);

// Mirrors PRODUCT_SORTS in lib/catalog/query.ts.
const SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating', 'best_selling'];
const FIXED_BOARDS = ['top-sellers', 'top-sellers-7d', 'most-viewed'];
/** The first pages are where shoppers are; deeper ones keep the cache honest. */
const MAX_PAGE = 5;

// Random filter combinations can match nothing; that is a valid answer, worth seeing, not failing.
const emptyResults = new Rate('catalog_empty_results');

export const options = {
  scenarios: {
    browse: {
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: __ENV.RAMP || '30s', target: VUS },
        { duration: __ENV.HOLD || '2m', target: VUS },
        { duration: __ENV.RAMP_DOWN || '15s', target: 0 },
      ],
      gracefulRampDown: '10s',
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    http_req_duration: [`p(99)<${P99_MS}`],
    checks: ['rate>0.99'],
  },
};

/** "Role Playing" → "role-playing": as lib/leaderboards/keys.ts names top-rated boards. */
function genreKey(genre) {
  return genre
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function pick(list) {
  return list[Math.floor(Math.random() * list.length)];
}

function chance(p) {
  return Math.random() < p;
}

function bodyOf(res) {
  try {
    return res.json();
    // k6 v0.48 cannot parse `catch {` without a binding, so the error is named and left unused.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
  } catch (e) {
    return null;
  }
}

function queryString(params) {
  return Object.keys(params)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
}

export function setup() {
  const listing = http.get(`${BASE_URL}/api/v1/products?pageSize=100`, {
    tags: { name: 'GET /api/v1/products' },
  });
  const page = bodyOf(listing);
  if (listing.status !== 200 || !page || !page.items || page.items.length === 0) {
    throw new Error(
      `catalog: GET /api/v1/products answered ${listing.status}; is the shop seeded?`,
    );
  }
  const categoriesRes = http.get(`${BASE_URL}/api/v1/categories`, {
    tags: { name: 'GET /api/v1/categories' },
  });
  const categories = bodyOf(categoriesRes);
  if (categoriesRes.status !== 200 || !categories) {
    throw new Error(`catalog: GET /api/v1/categories answered ${categoriesRes.status}`);
  }

  const words = {};
  page.items.forEach((item) => {
    item.title.split(/[^A-Za-z0-9]+/).forEach((w) => {
      if (w.length >= 4) words[w.toLowerCase()] = true;
    });
  });
  return {
    slugs: page.items.map((item) => item.slug),
    words: Object.keys(words),
    genres: page.facets.genres,
    platforms: page.facets.platforms,
    priceRange: page.facets.priceRange,
    categories: categories.categories.map((c) => c.slug),
    boards: FIXED_BOARDS.concat(page.facets.genres.map((g) => `top-rated-${genreKey(g)}`)),
  };
}

function randomFilters(data) {
  const params = {};
  if (chance(0.3) && data.genres.length) params.genre = pick(data.genres);
  if (chance(0.2) && data.platforms.length) params.platform = pick(data.platforms);
  if (chance(0.3) && data.categories.length) params.category = pick(data.categories);
  if (chance(0.2)) {
    const span = data.priceRange.max - data.priceRange.min;
    const min = data.priceRange.min + Math.floor((Math.random() * span) / 2);
    params.minPrice = min;
    params.maxPrice = min + Math.floor(Math.random() * (data.priceRange.max - min + 1));
  }
  if (chance(0.3)) params.inStock = 'true';
  if (chance(0.7)) params.sort = pick(SORTS);
  params.page = chance(0.6) ? 1 : 1 + Math.floor(Math.random() * MAX_PAGE);
  return params;
}

function readListing(res, expectedPage) {
  const body = bodyOf(res);
  const ok = check(res, {
    'listing is 200': (r) => r.status === 200,
    'listing has items, facets and the page asked for': () =>
      body !== null &&
      Array.isArray(body.items) &&
      body.facets !== undefined &&
      body.page === expectedPage,
  });
  if (ok) emptyResults.add(body.items.length === 0);
  return ok ? body.items : [];
}

export default function browse(data) {
  let seen = [];

  group('browse listings', () => {
    const params = randomFilters(data);
    const res = http.get(`${BASE_URL}/api/v1/products?${queryString(params)}`, {
      tags: { name: 'GET /api/v1/products' },
    });
    seen = readListing(res, params.page);
  });
  sleep(Math.random() * THINK_SECONDS);

  if (chance(0.5)) {
    group('search', () => {
      const params = { q: pick(data.words) };
      if (chance(0.3)) params.sort = pick(SORTS);
      params.page = 1;
      const res = http.get(`${BASE_URL}/api/v1/products?${queryString(params)}`, {
        tags: { name: 'GET /api/v1/products?q=' },
      });
      const found = readListing(res, 1);
      if (found.length) seen = found;
    });
    sleep(Math.random() * THINK_SECONDS);
  }

  group('product page', () => {
    const slug = seen.length ? pick(seen).slug : pick(data.slugs);
    const res = http.get(`${BASE_URL}/api/v1/products/${encodeURIComponent(slug)}`, {
      tags: { name: 'GET /api/v1/products/{slug}' },
    });
    const body = bodyOf(res);
    check(res, {
      'product is 200': (r) => r.status === 200,
      'product is the one asked for': () => body !== null && body.slug === slug,
    });
  });
  sleep(Math.random() * THINK_SECONDS);

  if (chance(0.3)) {
    group('leaderboard', () => {
      const board = pick(data.boards);
      const res = http.get(`${BASE_URL}/api/v1/leaderboards/${board}?limit=10`, {
        tags: { name: 'GET /api/v1/leaderboards/{board}' },
      });
      const body = bodyOf(res);
      check(res, {
        'leaderboard is 200': (r) => r.status === 200,
        'leaderboard lists at most 10 entries': () =>
          body !== null && Array.isArray(body.entries) && body.entries.length <= 10,
      });
    });
    sleep(Math.random() * THINK_SECONDS);
  }
}
