import { z } from 'zod';
import { categoryCreateSchema, categoryReorderSchema, categoryUpdateSchema } from './categories';
import { adminCancelSchema, adminRefundRequestSchema } from './order-refunds';
import { orderNoteSchema } from './orders';
import {
  editionCreateSchema,
  editionUpdateSchema,
  productCreateSchema,
  productUpdateSchema,
  stockAdjustmentSchema,
} from './product-schemas';
import { roleChangeSchema } from './users';

/*
 * /api/v1/admin/** in /api/v1/openapi.json. Request bodies are generated from the same zod schemas
 * the handlers validate with, so the document cannot drift from what the API accepts.
 */
const bodySchema = (schema: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const body = (schema: z.ZodType) => ({ required: true, ...json(bodySchema(schema)) });
const err = { $ref: '#/components/schemas/Error' };
const id = (name = 'id') => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
});
const q = (name: string, schema: object, description?: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});
const page = [
  q('page', { type: 'integer', minimum: 1 }),
  q('pageSize', { type: 'integer', minimum: 1, maximum: 100 }),
];
const date = { type: 'string', format: 'date' };
const orderStatus = {
  type: 'string',
  enum: ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refund_requested', 'refunded'],
};

/** Every admin operation answers 401 to anonymous callers and 403 to customers. */
function op(
  summary: string,
  extra: Record<string, unknown> = {},
  responses: Record<number, string> = {},
) {
  return {
    summary,
    tags: ['admin'],
    security: [{ session: [] }],
    ...extra,
    responses: {
      200: { description: 'OK' },
      ...Object.fromEntries(
        Object.entries(responses).map(([code, description]) => [
          code,
          { description, ...json(err) },
        ]),
      ),
      401: { description: 'Not signed in', ...json(err) },
      403: { description: 'Not an admin (or a cross-origin request)', ...json(err) },
    },
  };
}

const write = { 400: 'Invalid input, with `fields`', 404: 'Not found' };

export const adminOpenApi: {
  schemas: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
} = {
  schemas: {},
  paths: {
    '/api/v1/admin/stats': {
      get: op(
        'Dashboard numbers: revenue and orders per day and hour, statuses, boards, low stock, cache, queue',
      ),
    },
    '/api/v1/admin/products': {
      get: op('Products, archived included', {
        parameters: [
          q('q', { type: 'string' }),
          q('category', { type: 'string', format: 'uuid' }),
          q('status', { enum: ['active', 'archived', 'all'] }),
          q('stock', { enum: ['low', 'out'] }),
          q('sort', { enum: ['updated', 'title', 'price', 'stock'] }),
          ...page,
        ],
      }),
      post: op(
        'Create a product (opening stock recorded as an adjustment)',
        { requestBody: body(productCreateSchema) },
        { 400: write[400], 409: 'Slug in use' },
      ),
    },
    '/api/v1/admin/products/{id}': {
      get: op('One product with images', { parameters: [id()] }, { 404: 'Not found' }),
      patch: op(
        'Edit fields (not stock)',
        { parameters: [id()], requestBody: body(productUpdateSchema) },
        { ...write, 409: 'Slug in use' },
      ),
    },
    '/api/v1/admin/products/{id}/archive': {
      post: op(
        'Take off sale (soft delete)',
        { parameters: [id()] },
        { 404: 'Not found', 409: 'Already archived' },
      ),
    },
    '/api/v1/admin/products/{id}/restore': {
      post: op(
        'Put back on sale',
        { parameters: [id()] },
        { 404: 'Not found', 409: 'Not archived' },
      ),
    },
    '/api/v1/admin/products/{id}/stock': {
      get: op('Latest stock adjustments', { parameters: [id()] }),
      post: op(
        'Adjust an edition’s units with a reason (editionId may be left out when one edition counts units; keys are imported instead)',
        { parameters: [id()], requestBody: body(stockAdjustmentSchema) },
        { ...write, 409: 'Would go below zero' },
      ),
    },
    '/api/v1/admin/products/{id}/editions': {
      get: op(
        'A game’s editions, with key counts for key editions',
        { parameters: [id()] },
        { 404: 'Not found' },
      ),
      post: op(
        'Add an edition (platform, delivery, price; a box’s units or a download’s cap)',
        { parameters: [id()], requestBody: body(editionCreateSchema) },
        { ...write, 409: 'SKU in use' },
      ),
    },
    '/api/v1/admin/editions/{id}': {
      patch: op(
        'Rename, reprice, reorder, archive or restore an edition; set a download’s cap',
        { parameters: [id()], requestBody: body(editionUpdateSchema) },
        { ...write },
      ),
    },
    '/api/v1/admin/products/{id}/images': {
      post: op(
        'Upload an image (multipart: image, alt); PNG, JPEG or WebP by content, at most 5 MB',
        {
          parameters: [id()],
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['image'],
                  properties: {
                    image: { type: 'string', format: 'binary' },
                    alt: { type: 'string', maxLength: 200 },
                  },
                },
              },
            },
          },
        },
        {
          400: 'No file',
          404: 'Not found',
          413: 'Larger than 5 MB',
          415: 'Not a PNG, JPEG or WebP',
        },
      ),
    },
    '/api/v1/admin/products/{id}/images/{imageId}': {
      delete: op('Remove an image', { parameters: [id(), id('imageId')] }, { 404: 'Not found' }),
    },
    '/api/v1/admin/categories': {
      get: op('Categories in shelf order with product counts'),
      post: op(
        'Create a category at the end of the shelf',
        { requestBody: body(categoryCreateSchema) },
        { 400: write[400], 409: 'Slug in use' },
      ),
    },
    '/api/v1/admin/categories/order': {
      put: op(
        'Set the shelf order (every id once)',
        { requestBody: body(categoryReorderSchema) },
        { 400: write[400] },
      ),
    },
    '/api/v1/admin/categories/{id}': {
      patch: op(
        'Rename or re-describe',
        { parameters: [id()], requestBody: body(categoryUpdateSchema) },
        { ...write, 409: 'Slug in use' },
      ),
      delete: op(
        'Remove (204)',
        { parameters: [id()] },
        { 404: 'Not found', 409: 'Products use it' },
      ),
    },
    '/api/v1/admin/orders': {
      get: op('Orders, newest first', {
        parameters: [
          q('status', orderStatus),
          q('from', date),
          q('to', date),
          q('customer', { type: 'string' }, 'Email, name or id'),
          ...page,
        ],
      }),
    },
    '/api/v1/admin/orders/{id}': {
      get: op('One order with customer and notes', { parameters: [id()] }, { 404: 'Not found' }),
    },
    '/api/v1/admin/orders/{id}/fulfil': {
      post: op(
        'Mark a paid order fulfilled; a cash-on-delivery order may ship before its cash is recorded',
        { parameters: [id()] },
        { 404: 'Not found', 409: 'Not paid (and not cash on delivery), or already fulfilled' },
      ),
    },
    '/api/v1/admin/orders/{id}/cash-payment': {
      post: op(
        'Record the cash collected for a cash-on-delivery order, before or after it shipped; the order becomes paid (a shipped one stays fulfilled)',
        { parameters: [id()] },
        { 404: 'Not found', 409: 'Not cash on delivery, or already paid or closed' },
      ),
    },
    '/api/v1/admin/orders/{id}/cancel': {
      post: op(
        'Cancel an order as staff: unpaid (or a cash-on-delivery parcel returned unpaid), stock returns; paid and not shipped, refunded in full (sent to the provider after the commit). Body optional',
        { parameters: [id()], requestBody: { ...body(adminCancelSchema), required: false } },
        { ...write, 409: 'Fulfilled and paid (refund it instead), or already closed' },
      ),
    },
    '/api/v1/admin/orders/{id}/refund': {
      post: op(
        'With `decision`: approve (refund the units in `lines`, or all) or deny a refund request. Without: staff refund the units in `lines` of a paid or fulfilled order (unit price × quantity plus its share of tax), or everything left. The last units make the order refunded; a partial refund keeps it paid or fulfilled with refundedCents grown. The provider is called after the commit, by a retried job; the refunds show as pending until it confirms',
        { parameters: [id()], requestBody: body(adminRefundRequestSchema) },
        {
          ...write,
          409: 'Nothing to refund, more units than are left, no request to decide, or not paid',
        },
      ),
    },
    '/api/v1/admin/orders/{id}/notes': {
      get: op('Internal notes', { parameters: [id()] }, { 404: 'Not found' }),
      post: op(
        'Add an internal note',
        { parameters: [id()], requestBody: body(orderNoteSchema) },
        write,
      ),
    },
    '/api/v1/admin/users': {
      get: op('Accounts', {
        parameters: [
          q('q', { type: 'string' }),
          q('role', { enum: ['customer', 'admin'] }),
          q('status', { enum: ['active', 'disabled'] }),
          ...page,
        ],
      }),
    },
    '/api/v1/admin/users/{id}': {
      get: op(
        'One account with a page of its orders',
        { parameters: [id(), q('page', { type: 'integer' })] },
        { 404: 'Not found' },
      ),
    },
    '/api/v1/admin/users/{id}/role': {
      put: op(
        'Change role (not your own)',
        { parameters: [id()], requestBody: body(roleChangeSchema) },
        { ...write, 409: 'Already that role' },
      ),
    },
    '/api/v1/admin/users/{id}/disable': {
      post: op(
        'Disable and end every session (not your own)',
        { parameters: [id()] },
        { 404: 'Not found', 409: 'Already disabled' },
      ),
    },
    '/api/v1/admin/users/{id}/enable': {
      post: op('Enable', { parameters: [id()] }, { 404: 'Not found', 409: 'Already active' }),
    },
    '/api/v1/admin/audit': {
      get: op('Audit log, newest first', {
        parameters: [
          q('actor', { type: 'string' }, 'Email fragment or user id'),
          q('entity', { type: 'string' }),
          q('entityId', { type: 'string' }),
          q('action', { type: 'string' }),
          q('from', date),
          q('to', date),
          ...page,
        ],
      }),
    },
  },
};
