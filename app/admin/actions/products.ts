'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction, type ActionState } from '@/lib/actions/validated';
import {
  adjustStock,
  archiveProduct,
  createEdition,
  editionCreateFormSchema,
  createProduct,
  deleteProductImage,
  getAdminProduct,
  productCreateFormSchema,
  productUpdateFormSchema,
  requireAdminActor,
  restoreProduct,
  stockAdjustmentFormSchema,
  updateProduct,
} from '@/lib/admin';
import { mergeShopperSpecs } from '@/lib/admin/product-schemas';
import { saved } from './saved';

const idOf = (formData: FormData) => String(formData.get('id') ?? '');

export const createProductAction = validatedAction(productCreateFormSchema, async (input) => {
  const actor = await requireAdminActor();
  const product = await createProduct(actor, input);
  revalidatePath('/admin', 'layout');
  redirect(`/admin/products/${product.id}?created=1`);
});

export const updateProductAction = validatedAction(
  productUpdateFormSchema,
  async (input, formData): Promise<ActionState> => {
    const actor = await requireAdminActor();
    const id = idOf(formData);
    // The form edits four spec keys; the game's others (Storage…) must survive the save.
    const patch = input.specs
      ? { ...input, specs: mergeShopperSpecs((await getAdminProduct(id)).specs, input.specs) }
      : input;
    await updateProduct(actor, id, patch);
    return saved('Saved. The storefront shows the change now.');
  },
);

export const adjustStockAction = validatedAction(
  stockAdjustmentFormSchema,
  async (input, formData): Promise<ActionState> => {
    const actor = await requireAdminActor();
    const product = await adjustStock(actor, idOf(formData), input);
    return saved(`Stock is now ${product.stock}.`);
  },
);

export const createEditionAction = validatedAction(
  editionCreateFormSchema,
  async (input, formData): Promise<ActionState> => {
    const actor = await requireAdminActor();
    const editions = await createEdition(actor, idOf(formData), input);
    return saved(`Edition added: the game now has ${editions.length}.`);
  },
);

const archiveSchema = z.object({ id: z.string(), intent: z.enum(['archive', 'restore']) });

export const archiveProductAction = validatedAction(
  archiveSchema,
  async ({ id, intent }): Promise<ActionState> => {
    const actor = await requireAdminActor();
    await (intent === 'archive' ? archiveProduct(actor, id) : restoreProduct(actor, id));
    return saved(
      intent === 'archive'
        ? 'Archived: the game is off sale.'
        : 'Restored: the game is on sale again.',
    );
  },
);

const imageSchema = z.object({ id: z.string(), imageId: z.string() });

export const deleteImageAction = validatedAction(
  imageSchema,
  async ({ id, imageId }): Promise<ActionState> => {
    const actor = await requireAdminActor();
    await deleteProductImage(actor, id, imageId);
    return saved('Image removed.');
  },
);
