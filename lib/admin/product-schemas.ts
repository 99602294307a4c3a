import { z } from 'zod';
import { blankToUndefined, dateOnly, pageSchema } from './paging';

const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;
const tag = z.string().trim().min(1).max(40);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG, 'Use lowercase letters, digits and dashes (at most 120).');

/** The fields of a game as an admin edits them; no defaults, so a partial edit touches only what it names. */
const productFields = {
  title: z
    .string()
    .trim()
    .min(1, 'Enter a title.')
    .max(200, 'Keep the title under 200 characters.'),
  slug: slugSchema,
  description: z
    .string()
    .trim()
    .min(1, 'Enter a description.')
    .max(5000, 'Keep the description under 5,000 characters.'),
  priceCents: z
    .number({ error: 'Enter a price.' })
    .int('Enter the price in whole cents.')
    .min(0, 'The price cannot be negative.')
    .max(100_000_00, 'The price is too high.'),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code.'),
  categoryId: z.uuid('Choose a category.'),
  platforms: z.array(tag).max(12),
  genres: z.array(tag).max(12),
  developer: z.string().trim().max(120),
  publisher: z.string().trim().max(120),
  releaseDate: dateOnly,
  featured: z.boolean(),
  specs: z.record(z.string().max(60), z.string().max(500)),
};

export const DELIVERY_KINDS = ['key', 'download', 'physical'] as const;

/** What an admin sends to create a game. Stock set here is recorded as the opening adjustment. */
export const productCreateSchema = z
  .strictObject({
    ...productFields,
    slug: productFields.slug.optional(),
    currency: productFields.currency.default('USD'),
    platforms: productFields.platforms.default([]),
    genres: productFields.genres.default([]),
    developer: productFields.developer.default(''),
    publisher: productFields.publisher.default(''),
    featured: productFields.featured.default(false),
    specs: productFields.specs.default({}),
    stock: z
      .number()
      .int('Stock is a whole number.')
      .min(0, 'Stock cannot be negative.')
      .max(1_000_000)
      .default(0),
    /** The game's first edition; more are added afterwards. Opening stock goes to it. */
    edition: z
      .strictObject({
        name: z.string().trim().min(1, 'Name the edition.').max(80).optional(),
        platform: z.string().trim().min(1).max(40).optional(),
        delivery: z
          .enum(DELIVERY_KINDS, { error: 'Choose key, download or physical.' })
          .default('physical'),
      })
      .default({ delivery: 'physical' }),
  })
  .refine((v) => v.edition.delivery !== 'key' || v.stock === 0, {
    message: 'A key edition starts with no stock: import its keys once the game exists.',
    path: ['stock'],
  });
export type ProductCreateInput = z.input<typeof productCreateSchema>;
export type ProductCreate = z.output<typeof productCreateSchema>;

/** Edits change any field but stock, which only moves through adjustments with a reason. */
export const productUpdateSchema = z
  .strictObject(productFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Change at least one field.');
export type ProductUpdate = z.output<typeof productUpdateSchema>;

export const editionCreateSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the edition.').max(80, 'Keep the name under 80 characters.'),
  platform: z.string().trim().min(1, 'Name the platform.').max(40),
  delivery: z.enum(DELIVERY_KINDS, { error: 'Choose key, download or physical.' }),
  sku: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,79}$/, 'A SKU is 2–80 letters, digits and dashes.')
    .optional(),
  priceCents: z.number().int('Enter the price in cents.').min(0).max(100_000_00),
  /** A box's opening units, or a download's cap (null: unlimited). Key editions start at 0. */
  stock: z.number().int().min(0).max(1_000_000).nullable().default(0),
  position: z.number().int().min(0).max(100).default(0),
});
export type EditionCreate = z.output<typeof editionCreateSchema>;

export const editionUpdateSchema = z
  .strictObject({
    name: editionCreateSchema.shape.name,
    platform: editionCreateSchema.shape.platform,
    priceCents: editionCreateSchema.shape.priceCents,
    position: editionCreateSchema.shape.position,
    /** Only a download's cap can be set this way (null lifts it); units move through adjustments. */
    downloadCap: z.number().int().min(0).max(1_000_000).nullable(),
    archived: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Change at least one field.');
export type EditionUpdate = z.output<typeof editionUpdateSchema>;

export const stockAdjustmentSchema = z.strictObject({
  /** Which edition; may be left out when the game has one edition with counted units. */
  editionId: z.uuid({ error: 'Choose an edition.' }).optional(),
  delta: z
    .number({ error: 'Enter how many units to add or remove.' })
    .int('Enter a whole number of units.')
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'Enter a change other than zero.'),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the stock changes.')
    .max(200, 'Keep the reason under 200 characters.'),
});
export type StockAdjustmentInput = z.infer<typeof stockAdjustmentSchema>;

export const productListQuerySchema = pageSchema.extend({
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  category: z.preprocess(blankToUndefined, z.uuid().optional()),
  status: z.preprocess(blankToUndefined, z.enum(['active', 'archived', 'all']).default('active')),
  stock: z.preprocess(blankToUndefined, z.enum(['low', 'out']).optional()),
  sort: z.preprocess(
    blankToUndefined,
    z.enum(['updated', 'title', 'price', 'stock']).default('updated'),
  ),
});
export type ProductListQuery = z.infer<typeof productListQuerySchema>;

const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : v;

/** Dollars typed in a form ("19.99") to cents; anything unreadable is left for zod to reject. */
export function priceToCents(v: unknown): unknown {
  if (typeof v !== 'string') return undefined;
  if (v.trim() === '') return Number.NaN;
  const text = v.trim().replace(/^\$/, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(text)) return Number.NaN;
  const [whole, frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * The specs shoppers read on a game's page that the admin form edits, each with its own field.
 * Other spec keys (Storage, the seed's Developer and Publisher…) are not the form's: an edit keeps
 * them as they are.
 */
export const SHOPPER_SPECS = [
  {
    key: 'Modes',
    field: 'specModes',
    label: 'Modes',
    max: 200,
    hint: 'Comma-separated, e.g. Single-player, Online co-op',
  },
  {
    key: 'Players',
    field: 'specPlayers',
    label: 'Players',
    max: 40,
    hint: 'e.g. 1, 1–4 or 2–16 (online)',
  },
  {
    key: 'Languages',
    field: 'specLanguages',
    label: 'Languages',
    max: 400,
    hint: 'Comma-separated, e.g. English, French',
  },
  {
    key: 'Age rating',
    field: 'specAgeRating',
    label: 'Age rating',
    max: 40,
    hint: 'e.g. Everyone 10+, Teen, Mature 17+',
  },
] as const;
export type ShopperSpec = (typeof SHOPPER_SPECS)[number];

const SHOPPER_SPEC_KEYS: ReadonlySet<string> = new Set(SHOPPER_SPECS.map((s) => s.key));

/** The form's specs over a game's current ones: the form owns its four keys, a blank one removes it. */
export function mergeShopperSpecs(
  current: Record<string, string>,
  sent: Record<string, string>,
): Record<string, string> {
  const kept = Object.entries(current).filter(([key]) => !SHOPPER_SPEC_KEYS.has(key));
  return { ...Object.fromEntries(kept), ...sent };
}

/** The shopper specs a form sent, blank ones left out; undefined when the form has no spec field. */
function shopperSpecsOf(form: Record<string, unknown>): Record<string, string> | undefined {
  const sent = SHOPPER_SPECS.filter((s) => typeof form[s.field] === 'string');
  if (!sent.length) return undefined;
  const specs: Record<string, string> = {};
  for (const s of sent) {
    const value = (form[s.field] as string).trim();
    if (value) specs[s.key] = value;
  }
  return specs;
}

/** Each spec's own limit, reported on its field (the API's generic limit is far looser). */
function checkShopperSpecs(value: unknown, ctx: z.RefinementCtx): void {
  const specs = (value as { specs?: unknown } | null)?.specs;
  if (!specs || typeof specs !== 'object') return;
  for (const s of SHOPPER_SPECS) {
    const text = (specs as Record<string, unknown>)[s.key];
    if (typeof text === 'string' && text.length > s.max) {
      ctx.addIssue({
        code: 'custom',
        path: [s.field],
        message: `Keep ${s.label.toLowerCase()} under ${s.max} characters.`,
      });
    }
  }
}

const PRODUCT_FORM_FIELDS = [
  'title',
  'slug',
  'description',
  'currency',
  'categoryId',
  'developer',
  'publisher',
  'releaseDate',
] as const;

/**
 * A product form's strings as the JSON the API takes: the price in dollars, lists comma-separated,
 * the featured checkbox, one field per shopper spec. Unknown fields (Next's action ids) are
 * dropped here.
 */
export function productFormInput(
  form: Record<string, unknown>,
  mode: 'create' | 'update',
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of PRODUCT_FORM_FIELDS) {
    // Blank fields are sent on as blank so the schema names what is missing; only a blank slug
    // means "make one from the title".
    if (typeof form[field] === 'string') input[field] = form[field];
  }
  if (typeof input.slug === 'string' && input.slug.trim() === '') delete input.slug;
  input.priceCents = priceToCents(form.price);
  input.platforms = list(form.platforms ?? '');
  input.genres = list(form.genres ?? '');
  input.featured = form.featured === 'on' || form.featured === 'true';
  if (mode === 'create' && typeof form.stock === 'string' && form.stock.trim() !== '')
    input.stock = Number(form.stock);
  // On an edit these are only the form's keys: the action lays them over the game's other specs.
  const specs = shopperSpecsOf(form);
  if (specs) input.specs = specs;
  return input;
}

export const productCreateFormSchema = z
  .preprocess((v) => productFormInput(v as Record<string, unknown>, 'create'), productCreateSchema)
  .superRefine(checkShopperSpecs);
export const productUpdateFormSchema = z
  .preprocess((v) => productFormInput(v as Record<string, unknown>, 'update'), productUpdateSchema)
  .superRefine(checkShopperSpecs);
export const stockAdjustmentFormSchema = z.preprocess((v) => {
  const form = v as Record<string, unknown>;
  const delta =
    typeof form.delta === 'string' && form.delta.trim() !== '' ? Number(form.delta) : undefined;
  const editionId =
    typeof form.editionId === 'string' && form.editionId ? form.editionId : undefined;
  return { delta, reason: form.reason, editionId };
}, stockAdjustmentSchema);

/** The add-edition form: a price in dollars, blank stock meaning none (keys) or no cap (downloads). */
export const editionCreateFormSchema = z.preprocess((v) => {
  const form = v as Record<string, unknown>;
  const text = (k: string) => (typeof form[k] === 'string' ? (form[k] as string).trim() : '');
  const delivery = text('delivery');
  const stock = text('stock');
  return {
    name: text('name'),
    platform: text('platform'),
    delivery,
    sku: text('sku') || undefined,
    priceCents: priceToCents(form.price),
    stock: stock === '' ? (delivery === 'download' ? null : 0) : Number(stock),
  };
}, editionCreateSchema);
