'use client';

import { useActionState } from 'react';
import { ActionForm } from '@/components/auth/action-form';
import { SubmitButton } from '@/components/auth/submit-button';
import { initialFormState, type FormAction } from '@/components/auth/types';
import { Label } from '@/components/ui/label';
import type { ShopperSpec } from '@/lib/admin/product-schemas';
import { useFadingSuccess } from './fading';
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
  /** The game's specs by key ("Modes", "Age rating"…); the form shows the shopper specs it edits. */
  specs: Record<string, string>;
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
  specs: {},
};

type TextField = Exclude<keyof ProductFormValues, 'featured' | 'specs'>;

/**
 * Create and edit share one form; the server validates with the same schema as the API and sends
 * back a message per field, shown next to the field and announced with it. After a failed submit
 * every field (the category too) shows what was sent; after a save, the game as it now is.
 */
export function ProductForm({
  action,
  categories,
  product,
  mode,
  specFields,
}: {
  action: FormAction;
  categories: Option[];
  product: ProductFormValues;
  mode: 'create' | 'edit';
  /** The shopper specs the form edits (SHOPPER_SPECS), handed over by the page. */
  specFields: readonly ShopperSpec[];
}) {
  const [sent, formAction, pending] = useActionState(action, initialFormState);
  const state = useFadingSuccess(sent);
  const value = (name: TextField) => state.values?.[name] ?? String(product[name] ?? '');
  const f = state.fields;
  const bind = (name: TextField) => ({
    name,
    defaultValue: value(name),
    errors: f?.[name],
  });
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
        <Field {...bind('title')} label="Title" required />
        <Field
          {...bind('slug')}
          label="Slug"
          hint={
            mode === 'create'
              ? 'Leave empty to make one from the title.'
              : 'Changing it changes the product’s address.'
          }
        />
      </div>
      <TextareaField {...bind('description')} label="Description" required />
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
        <Field {...bind('currency')} label="Currency" maxLength={3} />
        <SelectField
          {...bind('categoryId')}
          label="Category"
          required
          options={[{ value: '', label: 'Choose a category' }, ...categories]}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field {...bind('platforms')} label="Platforms" hint="Comma-separated, e.g. PC, Switch" />
        <Field {...bind('genres')} label="Genres" hint="Comma-separated, e.g. Racing, Indie" />
        <Field {...bind('developer')} label="Developer" />
        <Field {...bind('publisher')} label="Publisher" />
        <Field {...bind('releaseDate')} label="Release date" type="date" required />
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
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-medium">
          Shown to shoppers in the game’s specifications
        </legend>
        {specFields.map((spec) => (
          <Field
            key={spec.field}
            name={spec.field}
            label={spec.label}
            hint={`${spec.hint}. Leave empty to hide it.`}
            maxLength={spec.max}
            defaultValue={state.values?.[spec.field] ?? product.specs[spec.key] ?? ''}
            errors={f?.[spec.field] ?? f?.[`specs.${spec.key}`]}
          />
        ))}
      </fieldset>
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
