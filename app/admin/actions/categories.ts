'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated';
import {
  categoryCreateSchema,
  createCategory,
  deleteCategory,
  moveCategory,
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

export const createCategoryAction = validatedAction(
  createForm,
  async (input, _formData, { actor }) => {
    const category = await createCategory(actor, input);
    return saved(`Added “${category.name}”.`);
  },
  { auth: 'admin' },
);

const renameForm = z.object({ id: z.string(), name: categoryCreateSchema.shape.name });

export const renameCategoryAction = validatedAction(
  renameForm,
  async ({ id, name }, _formData, { actor }) => {
    await updateCategory(actor, id, { name });
    return saved(`Renamed to “${name}”.`);
  },
  { auth: 'admin' },
);

const moveForm = z.object({ id: z.string(), direction: z.enum(['up', 'down']) });

export const moveCategoryAction = validatedAction(
  moveForm,
  async ({ id, direction }, _formData, { actor }) => {
    await moveCategory(actor, id, direction);
    return saved('Order saved.');
  },
  { auth: 'admin' },
);

export const deleteCategoryAction = validatedAction(
  z.object({ id: z.string() }),
  async ({ id }, _formData, { actor }) => {
    await deleteCategory(actor, id);
    return saved('Category removed.');
  },
  { auth: 'admin' },
);
