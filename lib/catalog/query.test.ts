import { describe, expect, it } from 'vitest';
import {
  effectiveSort,
  hasFilters,
  parseProductQueryLeniently,
  productQuerySchema,
  toSearchParams,
} from './query';

describe('productQuerySchema', () => {
  it('fills defaults and reads numbers and flags from strings', () => {
    expect(productQuerySchema.parse({ minPrice: '500', inStock: 'true', page: '3' })).toEqual({
      minPrice: 500,
      inStock: true,
      page: 3,
      pageSize: 24,
    });
  });

  it('treats empty parameters as absent, as an empty form field sends them', () => {
    expect(productQuerySchema.parse({ q: '  ', genre: '', minPrice: '' })).toEqual({
      page: 1,
      pageSize: 24,
    });
  });

  it('takes the last value of a repeated parameter', () => {
    expect(productQuerySchema.parse({ sort: ['price_asc', 'newest'] }).sort).toBe('newest');
  });

  it('refuses out-of-range numbers, unknown sorts and overlong words, naming each field', () => {
    const result = productQuerySchema.safeParse({
      pageSize: '101',
      minPrice: '-1',
      sort: 'cheapest',
      q: 'x'.repeat(101),
      page: '1.5',
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['pageSize', 'minPrice', 'sort', 'q', 'page']));
  });

  it('refuses a category that is not a slug', () => {
    expect(productQuerySchema.safeParse({ category: '../admin' }).success).toBe(false);
  });
});

describe('toSearchParams', () => {
  it('writes parameters in a fixed order and leaves defaults out', () => {
    const a = toSearchParams({
      sort: 'newest',
      genre: 'RPG',
      page: 1,
      pageSize: 24,
      inStock: false,
    });
    const b = toSearchParams({ genre: 'RPG', sort: 'newest' });
    expect(a.toString()).toBe('genre=RPG&sort=newest');
    expect(b.toString()).toBe(a.toString());
  });

  it('round-trips through the schema', () => {
    const query = productQuerySchema.parse({
      q: 'star',
      platform: 'Xbox Series X|S',
      maxPrice: '2000',
      page: '2',
    });
    expect(productQuerySchema.parse(Object.fromEntries(toSearchParams(query)))).toEqual(query);
  });
});

describe('parseProductQueryLeniently', () => {
  it('keeps the valid parts of a hand-edited URL and drops the rest', () => {
    const query = parseProductQueryLeniently(
      new URLSearchParams('genre=Action&pageSize=9999&sort=bogus'),
    );
    expect(query).toMatchObject({ genre: 'Action', pageSize: 24 });
    expect(query.sort).toBeUndefined();
  });
});

describe('effectiveSort', () => {
  it('ranks by relevance only when there are search words', () => {
    expect(effectiveSort({ q: 'star' })).toBe('relevance');
    expect(effectiveSort({})).toBe('rating');
    expect(effectiveSort({ sort: 'relevance' })).toBe('rating');
    expect(effectiveSort({ q: 'star', sort: 'price_asc' })).toBe('price_asc');
  });
});

describe('hasFilters', () => {
  it('counts filters but not search words, sort, category or paging', () => {
    const parse = (input: Record<string, string>) => productQuerySchema.parse(input);
    expect(hasFilters(parse({ q: 'space', sort: 'newest', category: 'indie', page: '2' }))).toBe(
      false,
    );
    expect(hasFilters(parse({ minPrice: '0' }))).toBe(true);
    expect(hasFilters(parse({ inStock: 'true' }))).toBe(true);
    expect(hasFilters(parse({ inStock: 'false' }))).toBe(false);
    expect(hasFilters(parse({ platform: 'PC' }))).toBe(true);
  });
});
