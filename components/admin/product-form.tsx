'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { Label } from '@/components/ui/label';
import { Field, SelectField, TextareaField, type Option } from './fields';

export type ProductFormValues = {
  id?: string;
  title: string;
  slug: string;
  description: string;
  price: string;
  currency: string;
  categoryId: string;
  platforms: string;
  genres: string;
  developer: string;
  publisher: string;
  releaseDate: string;
  featured: boolean;
};

export const emptyProduct: ProductFormValues = {
  title: '',
  slug: '',
  description: '',
  price: '',
  currency: 'USD',
  categoryId: '',
  platforms: '',
  genres: '',
  developer: '',
  publisher: '',
  releaseDate: '',
  featured: false,
};

/**
 * Create and edit share one form; the server validates with the same schema as the API and sends
 * back a message per field, shown next to the field and announced with it.
 */
export function ProductForm({
  action,
  categories,
  product,
  mode,
}: {
  action: FormAction;
  categories: Option[];
  product: ProductFormValues;
  mode: 'create' | 'edit';
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const value = (name: keyof ProductFormValues) =>
    state.values?.[name] ?? String(product[name] ?? '');
  const f = state.fields;
  const featured = state.values ? state.values.featured === 'on' : product.featured;
  return (
    <ActionForm
      state={state}
      action={formAction}
      aria-label={mode === 'create' ? 'New product' : 'Edit product'}
      className="grid gap-4"
    >
      {product.id ? <input type="hidden" name="id" value={product.id} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="title"
          label="Title"
          required
          defaultValue={value('title')}
          errors={f?.title}
        />
        <Field
          name="slug"
          label="Slug"
          defaultValue={value('slug')}
          errors={f?.slug}
          hint={
            mode === 'create'
              ? 'Leave empty to make one from the title.'
              : 'Changing it changes the product’s address.'
          }
        />
      </div>
      <TextareaField
        name="description"
        label="Description"
        required
        defaultValue={value('description')}
        errors={f?.description}
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          name="price"
          label="Price"
          required
          inputMode="decimal"
          defaultValue={value('price')}
          errors={f?.priceCents ?? f?.price}
          hint="In the currency below, e.g. 19.99"
        />
        <Field
          name="currency"
          label="Currency"
          defaultValue={value('currency')}
          errors={f?.currency}
          maxLength={3}
        />
        <SelectField
          name="categoryId"
          label="Category"
          required
          defaultValue={value('categoryId')}
          errors={f?.categoryId}
          options={[{ value: '', label: 'Choose a category' }, ...categories]}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          name="platforms"
          label="Platforms"
          defaultValue={value('platforms')}
          errors={f?.platforms}
          hint="Comma-separated, e.g. PC, Switch"
        />
        <Field
          name="genres"
          label="Genres"
          defaultValue={value('genres')}
          errors={f?.genres}
          hint="Comma-separated, e.g. Racing, Indie"
        />
        <Field
          name="developer"
          label="Developer"
          defaultValue={value('developer')}
          errors={f?.developer}
        />
        <Field
          name="publisher"
          label="Publisher"
          defaultValue={value('publisher')}
          errors={f?.publisher}
        />
        <Field
          name="releaseDate"
          label="Release date"
          type="date"
          required
          defaultValue={value('releaseDate')}
          errors={f?.releaseDate}
        />
        {mode === 'create' ? (
          <Field
            name="stock"
            label="Opening stock"
            type="number"
            min={0}
            defaultValue={state.values?.stock ?? '0'}
            errors={f?.stock}
          />
        ) : null}
      </div>
      <div className="flex items-center gap-2">
        <input
          id="product-featured"
          type="checkbox"
          name="featured"
          defaultChecked={featured}
          className="size-4 accent-primary"
        />
        <Label htmlFor="product-featured">Feature on the home page</Label>
      </div>
      <div>
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {mode === 'create' ? 'Create product' : 'Save changes'}
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
