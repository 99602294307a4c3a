import { describe, expect, it } from 'vitest';
import {
  priceToCents,
  productCreateFormSchema,
  productUpdateFormSchema,
  productUpdateSchema,
} from './product-schemas';

const category = '0b6e1c1e-1f1a-4c1b-9d1e-1a2b3c4d5e6f';

describe('product form parsing', () => {
  it('reads dollars as cents without floating-point drift', () => {
    expect(priceToCents('19.99')).toBe(1999);
    expect(priceToCents('$0.1')).toBe(10);
    expect(priceToCents('1000')).toBe(100000);
    expect(priceToCents('12.345')).toBeNaN();
    expect(priceToCents('abc')).toBeNaN();
    expect(priceToCents('')).toBeNaN();
    expect(priceToCents(undefined)).toBeUndefined();
  });

  it('turns a filled form into the API input, dropping fields the form does not own', () => {
    const parsed = productCreateFormSchema.parse({
      title: ' Star Fox ',
      slug: '',
      description: 'Barrel roll.',
      price: '9.99',
      currency: 'usd',
      categoryId: category,
      platforms: 'Switch, , PC',
      genres: '',
      developer: '',
      publisher: 'Nin',
      releaseDate: '2024-02-02',
      stock: '4',
      featured: 'on',
      $ACTION_ID_x: '',
    });
    expect(parsed).toEqual({
      title: 'Star Fox',
      description: 'Barrel roll.',
      priceCents: 999,
      currency: 'USD',
      categoryId: category,
      platforms: ['Switch', 'PC'],
      genres: [],
      developer: '',
      publisher: 'Nin',
      releaseDate: '2024-02-02',
      featured: true,
      specs: {},
      stock: 4,
      // The form makes the game's first edition a box: opening stock is counted in units.
      edition: { delivery: 'physical' },
    });
  });

  it('names every blank required field of the edit form instead of keeping the old value', () => {
    const result = productUpdateFormSchema.safeParse({
      title: '',
      description: '',
      price: '',
      categoryId: '',
      releaseDate: '',
      currency: 'USD',
    });
    expect(result.success).toBe(false);
    const fields = new Set(result.error!.issues.map((i) => String(i.path[0])));
    expect([...fields].sort()).toEqual([
      'categoryId',
      'description',
      'priceCents',
      'releaseDate',
      'title',
    ]);
  });

  it('keeps a partial API edit partial: defaults never reset fields the edit did not name', () => {
    expect(productUpdateSchema.parse({ priceCents: 500 })).toEqual({ priceCents: 500 });
    expect(productUpdateSchema.safeParse({}).success).toBe(false);
  });
});
