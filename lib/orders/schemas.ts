import { z } from 'zod';
import { isCountryCode } from './countries';

const text = (label: string, max: number) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} is at most ${max} characters.`);

export const shippingAddressSchema = z.object({
  name: text('Name', 100),
  line1: text('Address', 200),
  line2: z
    .string()
    .trim()
    .max(200, 'Address line 2 is at most 200 characters.')
    .transform((v) => (v ? v : undefined))
    .optional(),
  city: text('City', 100),
  postalCode: z
    .string({ message: 'Postal code is required.' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$/, 'Enter a valid postal code.'),
  country: z
    .string({ message: 'Country is required.' })
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Use the two-letter country code, e.g. US.')
    .transform((v) => v.toUpperCase())
    .refine(isCountryCode, 'Use a two-letter country code, e.g. US.'),
});

export const PAYMENT_METHODS = ['card', 'wallet', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const countryCodeSchema = z
  .string({ message: 'Choose your billing country.' })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isCountryCode, 'Choose a country from the list.');

export const giftSchema = z.object({
  email: z
    .string({ message: "Enter your friend's email." })
    .trim()
    .max(254, 'That email is too long.')
    .pipe(z.email({ message: "Enter your friend's email address." }))
    .transform((v) => v.toLowerCase()),
  message: z
    .string()
    .trim()
    .max(500, 'A gift message is at most 500 characters.')
    .optional()
    .default(''),
});

/**
 * A digital cart needs only a billing country; a cart with a boxed edition also needs where to
 * post it (whose country bills, unless another is given). Which applies is known only from the
 * cart, so `placeOrder` checks it.
 */
export const placeOrderSchema = z.object({
  billingCountry: countryCodeSchema.optional(),
  shippingAddress: shippingAddressSchema.optional(),
  paymentMethod: z.enum(PAYMENT_METHODS, { message: 'Choose card, wallet or cash on delivery.' }),
  gift: giftSchema.optional(),
});

export type PlaceOrderInput = z.infer<typeof placeOrderSchema>;

export const idempotencyKeySchema = z
  .string({ message: 'Send an Idempotency-Key header.' })
  .trim()
  .min(8, 'The Idempotency-Key must be 8 to 200 characters.')
  .max(200, 'The Idempotency-Key must be 8 to 200 characters.')
  .regex(/^[A-Za-z0-9._:-]+$/, 'The Idempotency-Key may use letters, digits and . _ : - only.');

export const orderListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});

export const refundRequestSchema = z.object({
  reason: z.string().trim().max(500).optional().default(''),
});
