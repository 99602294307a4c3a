import { z } from 'zod';

import { MAX_LINE_QUANTITY } from './limits';

export { MAX_LINE_QUANTITY };

export const editionIdSchema = z.uuid({ message: 'Not an edition id.' });

/**
 * An edition, or (for clients written before editions) a game, whose first edition that can be
 * bought is meant.
 */
export const addItemSchema = z
  .object({
    editionId: editionIdSchema.optional(),
    productId: z.uuid({ message: 'Not a product id.' }).optional(),
    quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY).default(1),
  })
  .refine((v) => v.editionId || v.productId, {
    message: 'Choose an edition.',
    path: ['editionId'],
  });

/** Zero removes the line, as a shopper setting the stepper to 0 would expect. */
export const setQuantitySchema = z.object({
  quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
});

export type AddItemInput = z.infer<typeof addItemSchema>;
