import { z } from 'zod';

import { MAX_LINE_QUANTITY } from './limits';

export { MAX_LINE_QUANTITY };

export const productIdSchema = z.uuid({ message: 'Not a product id.' });

export const addItemSchema = z.object({
  productId: productIdSchema,
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY).default(1),
});

/** Zero removes the line, as a shopper setting the stepper to 0 would expect. */
export const setQuantitySchema = z.object({
  quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
});

export type AddItemInput = z.infer<typeof addItemSchema>;
