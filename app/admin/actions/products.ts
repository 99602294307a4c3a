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
  restoreProduct,
  stockAdjustmentFormSchema,
  updateProduct,
} from '@/lib/admin';
import { mergeShopperSpecs } from '@/lib/admin/product-schemas';
import { saved } from './saved';

const idOf = (formData: FormData) => String(formData.get('id') ?? '');

export const createProductAction = validatedAction(
  productCreateFormSchema,
  async (input, _formData, { actor }) => {
    const product = await createProduct(actor, input);
    revalidatePath('/admin', 'layout');
    redirect(`/admin/products/${product.id}?created=1`);
  },
  { auth: 'admin' },
);

export const updateProductAction = validatedAction(
  productUpdateFormSchema,
  async (input, formData, { actor }): Promise<ActionState> => {
    const id = idOf(formData);
    // The form edits four spec keys; the game's others (Storage…) must survive the save.
    const patch = input.specs
      ? { ...input, specs: mergeShopperSpecs((await getAdminProduct(id)).specs, input.specs) }
      : input;
    await updateProduct(actor, id, patch);
    return saved('Saved. The storefront shows the change now.');
  },
  { auth: 'admin' },
);

export const adjustStockAction = validatedAction(
  stockAdjustmentFormSchema,
  async (input, formData, { actor }): Promise<ActionState> => {
    const product = await adjustStock(actor, idOf(formData), input);
    return saved(`Stock is now ${product.stock}.`);
  },
  { auth: 'admin' },
);

export const createEditionAction = validatedAction(
  editionCreateFormSchema,
  async (input, formData, { actor }): Promise<ActionState> => {
    const editions = await createEdition(actor, idOf(formData), input);
    return saved(`Edition added: the game now has ${editions.length}.`);
  },
  { auth: 'admin' },
);

const archiveSchema = z.object({ id: z.string(), intent: z.enum(['archive', 'restore']) });

export const archiveProductAction = validatedAction(
  archiveSchema,
  async ({ id, intent }, _formData, { actor }): Promise<ActionState> => {
    await (intent === 'archive' ? archiveProduct(actor, id) : restoreProduct(actor, id));
    return saved(
      intent === 'archive'
        ? 'Archived: the game is off sale.'
        : 'Restored: the game is on sale again.',
    );
  },
  { auth: 'admin' },
);

const imageSchema = z.object({ id: z.string(), imageId: z.string() });

export const deleteImageAction = validatedAction(
  imageSchema,
  async ({ id, imageId }, _formData, { actor }): Promise<ActionState> => {
    await deleteProductImage(actor, id, imageId);
    return saved('Image removed.');
  },
  { auth: 'admin' },
);
