'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated';
import {
  categoryCreateSchema,
  createCategory,
  deleteCategory,
  moveCategory,
  requireAdminActor,
  updateCategory,
} from '@/lib/admin';
import { saved } from './saved';

const createForm = z.preprocess((v) => {
  const form = v as Record<string, unknown>;
  return {
    name: form.name,
    description: form.description ?? '',
    ...(form.slug ? { slug: form.slug } : {}),
  };
}, categoryCreateSchema);

export const createCategoryAction = validatedAction(createForm, async (input) => {
  const category = await createCategory(await requireAdminActor(), input);
  return saved(`Added “${category.name}”.`);
});

const renameForm = z.object({ id: z.string(), name: categoryCreateSchema.shape.name });

export const renameCategoryAction = validatedAction(renameForm, async ({ id, name }) => {
  await updateCategory(await requireAdminActor(), id, { name });
  return saved(`Renamed to “${name}”.`);
});

const moveForm = z.object({ id: z.string(), direction: z.enum(['up', 'down']) });

export const moveCategoryAction = validatedAction(moveForm, async ({ id, direction }) => {
  await moveCategory(await requireAdminActor(), id, direction);
  return saved('Order saved.');
});

export const deleteCategoryAction = validatedAction(
  z.object({ id: z.string() }),
  async ({ id }) => {
    await deleteCategory(await requireAdminActor(), id);
    return saved('Category removed.');
  },
);
