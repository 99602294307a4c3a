/** Cart, orders and payments in /api/v1/openapi.json: paths and the schemas they reference. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: object) => ({ description, ...jsonBody(schema) });
const error = (description: string) => ({ description, ...jsonBody(ref('Error')) });
const editionIdParam = {
  name: 'editionId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const orderIdParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const status = {
  type: 'string',
  enum: ['pending_payment', 'paid', 'fulfilled', 'cancelled', 'refund_requested', 'refunded'],
};

const schemas = {
  CartNotice: {
    type: 'object',
    required: ['productId', 'editionId', 'kind', 'message'],
    properties: {
      productId: { type: 'string', format: 'uuid' },
      editionId: { type: 'string', format: 'uuid' },
      kind: {
        type: 'string',
        enum: ['clamped', 'out_of_stock', 'exceeds_stock', 'price_changed', 'unavailable'],
      },
      message: { type: 'string' },
    },
  },
  CartLine: {
    type: 'object',
    properties: {
      editionId: { type: 'string', format: 'uuid' },
      editionName: { type: 'string' },
      platform: { type: 'string' },
      delivery: { type: 'string', enum: ['key', 'download', 'physical'] },
      productId: { type: 'string', format: 'uuid' },
      slug: { type: 'string' },
      title: { type: 'string' },
      coverUrl: { type: ['string', 'null'] },
      quantity: { type: 'integer', minimum: 1, maximum: 99 },
      unitPriceCents: { type: 'integer' },
      seenPriceCents: {
        type: 'integer',
        description: 'Price when added; differs after a price change',
      },
      lineTotalCents: { type: 'integer' },
      currency: { type: 'string' },
      stock: {
        type: ['integer', 'null'],
        description: 'Units left of the edition; null: never runs out',
      },
      purchasable: { type: 'boolean' },
    },
  },
  Cart: {
    type: 'object',
    properties: {
      items: { type: 'array', items: ref('CartLine') },
      itemCount: { type: 'integer' },
      subtotalCents: { type: 'integer' },
      currency: { type: 'string' },
      notices: { type: 'array', items: ref('CartNotice') },
      canCheckout: { type: 'boolean' },
    },
  },
  ShippingAddress: {
    type: 'object',
    required: ['name', 'line1', 'city', 'postalCode', 'country'],
    properties: {
      name: { type: 'string', maxLength: 100 },
      line1: { type: 'string', maxLength: 200 },
      line2: { type: 'string', maxLength: 200 },
      city: { type: 'string', maxLength: 100 },
      postalCode: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9 -]{1,10}$' },
      country: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' },
    },
  },
  Order: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      status,
      paymentMethod: { type: 'string', enum: ['card', 'wallet', 'cod'] },
      subtotalCents: { type: 'integer' },
      shippingCents: { type: 'integer' },
      taxCents: {
        type: 'integer',
        description: 'Estimated tax of the billing country, included in the total',
      },
      totalCents: { type: 'integer' },
      currency: { type: 'string' },
      billingCountry: { type: ['string', 'null'] },
      shippingAddress: {
        oneOf: [ref('ShippingAddress'), { type: 'null' }],
        description: 'Only for orders with a physical edition',
      },
      gift: {
        type: ['object', 'null'],
        properties: {
          email: { type: 'string' },
          message: { type: 'string' },
          claimed: { type: 'boolean' },
          sentAt: { type: ['string', 'null'] },
        },
      },
      createdAt: { type: 'string', format: 'date-time' },
      expiresAt: { type: ['string', 'null'], format: 'date-time' },
      paidAt: { type: ['string', 'null'], format: 'date-time' },
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            productId: { type: 'string' },
            editionId: { type: 'string' },
            editionName: { type: 'string' },
            platform: { type: 'string' },
            delivery: { type: 'string', enum: ['key', 'download', 'physical'] },
            title: { type: 'string' },
            slug: { type: 'string' },
            unitPriceCents: { type: 'integer' },
            quantity: { type: 'integer' },
            lineTotalCents: { type: 'integer' },
            refundedQuantity: { type: 'integer', description: 'Units of the line refunded so far' },
          },
        },
      },
      payment: { type: ['object', 'null'] },
      events: {
        type: 'array',
        items: { type: 'object' },
        description: 'Status timeline, oldest first',
      },
      refundedCents: {
        type: 'integer',
        description: 'Given back so far; the provider may still be sending it',
      },
      canCancel: {
        type: 'boolean',
        description: 'Only before payment (cash on delivery: before it ships)',
      },
      canRequestRefund: { type: 'boolean' },
    },
  },
};

const cartResponses = {
  200: ok('The cart after the change', ref('Cart')),
  400: error('Invalid input'),
  404: error('Not in your cart'),
};

export const ordersOpenApi = {
  schemas,
  paths: {
    '/api/v1/cart': {
      get: {
        summary: 'The caller’s cart (account, else guest cookie)',
        tags: ['cart'],
        responses: { 200: ok('The cart', ref('Cart')) },
      },
      delete: {
        summary: 'Empty the cart',
        tags: ['cart'],
        responses: { 200: ok('The empty cart', ref('Cart')) },
      },
    },
    '/api/v1/cart/items': {
      post: {
        summary: 'Add an edition (quantity is added, capped at the stock with a notice)',
        description:
          'Send `editionId`. A client that sends only `productId` gets the game’s first edition that can be bought.',
        tags: ['cart'],
        requestBody: jsonBody({
          type: 'object',
          properties: {
            editionId: { type: 'string', format: 'uuid' },
            productId: {
              type: 'string',
              format: 'uuid',
              description: 'Instead of editionId: the game’s first edition on sale',
            },
            quantity: { type: 'integer', minimum: 1, maximum: 99, default: 1 },
          },
        }),
        responses: {
          201: ok('The cart', ref('Cart')),
          400: error('Invalid input'),
          404: error('No such game'),
          409: error('Out of stock'),
        },
      },
    },
    '/api/v1/cart/items/{editionId}': {
      patch: {
        summary: 'Set a line’s quantity (0 removes it)',
        tags: ['cart'],
        parameters: [editionIdParam],
        requestBody: jsonBody({
          type: 'object',
          required: ['quantity'],
          properties: { quantity: { type: 'integer', minimum: 0, maximum: 99 } },
        }),
        responses: cartResponses,
      },
      delete: {
        summary: 'Remove a line',
        tags: ['cart'],
        parameters: [editionIdParam],
        responses: cartResponses,
      },
    },
    '/api/v1/orders': {
      get: {
        summary: 'The caller’s orders, newest first',
        tags: ['orders'],
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
          {
            name: 'pageSize',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
          },
        ],
        responses: { 200: ok('A page of orders', { type: 'object' }), 401: error('Not signed in') },
      },
      post: {
        summary: 'Order the caller’s cart',
        description:
          'Idempotent per Idempotency-Key: the same key and body return the stored response (header Idempotent-Replayed: true).',
        tags: ['orders'],
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            schema: { type: 'string', minLength: 8, maxLength: 200 },
          },
        ],
        requestBody: jsonBody({
          type: 'object',
          required: ['paymentMethod'],
          description:
            'A digital cart needs only billingCountry. A cart with a physical edition needs shippingAddress (whose country bills unless billingCountry says otherwise); cash on delivery is only for all-physical carts; a gift only for all-digital carts.',
          properties: {
            billingCountry: {
              type: 'string',
              pattern: '^[A-Z]{2}$',
              description: 'ISO 3166-1 alpha-2; estimated tax follows it',
            },
            shippingAddress: ref('ShippingAddress'),
            paymentMethod: { type: 'string', enum: ['card', 'wallet', 'cod'] },
            gift: {
              type: 'object',
              required: ['email'],
              properties: {
                email: { type: 'string', format: 'email' },
                message: { type: 'string', maxLength: 500 },
              },
              description: 'Send the digital editions to a friend, who claims them by mail',
            },
          },
        }),
        responses: {
          201: ok('The order; paymentUrl is the hosted payment page for card and wallet', {
            type: 'object',
            properties: { order: ref('Order'), paymentUrl: { type: ['string', 'null'] } },
          }),
          400: error('Invalid input or missing Idempotency-Key'),
          401: error('Not signed in'),
          409: error(
            'Out of stock (the game is named), empty cart, or too many unpaid orders already open',
          ),
          422: error('Idempotency-Key reused with a different body'),
        },
      },
    },
    '/api/v1/orders/{id}': {
      get: {
        summary: 'One of the caller’s orders',
        tags: ['orders'],
        parameters: [orderIdParam],
        responses: { 200: ok('The order', ref('Order')), 404: error('No such order of yours') },
      },
    },
    '/api/v1/orders/{id}/cancel': {
      post: {
        summary: 'Cancel an unpaid order (cash on delivery: before it ships); its stock returns',
        description:
          'A paid order cannot be cancelled by the shopper: request a refund (POST /api/v1/orders/{id}/refund), which staff approve or deny. That answer is a 409 saying so.',
        tags: ['orders'],
        parameters: [orderIdParam],
        responses: {
          200: ok('The order', ref('Order')),
          404: error('No such order of yours'),
          409: error('Paid (request a refund instead), shipped, or already closed'),
        },
      },
    },
    '/api/v1/orders/{id}/refund': {
      post: {
        summary: 'Request a refund of a paid or fulfilled order; staff approve or deny it',
        tags: ['orders'],
        parameters: [orderIdParam],
        requestBody: {
          required: false,
          ...jsonBody({
            type: 'object',
            properties: { reason: { type: 'string', maxLength: 500 } },
          }),
        },
        responses: {
          200: ok('The order', ref('Order')),
          404: error('No such order of yours'),
          409: error('Not refundable in its state'),
        },
      },
    },
    '/api/v1/orders/{id}/gift/resend': {
      post: {
        summary: 'Mail the gift’s recipient a new claim link (the previous one stops working)',
        tags: ['gifts'],
        parameters: [orderIdParam],
        responses: {
          202: ok('Queued', { type: 'object' }),
          404: error('No such gift of yours'),
          409: error('Already claimed, or not paid yet'),
          429: error('Sent too often'),
        },
      },
    },
    '/api/v1/orders/{id}/gift/refund': {
      post: {
        summary: 'Refund a gift nobody claimed: money back, keys back to the vault',
        tags: ['gifts'],
        parameters: [orderIdParam],
        responses: {
          200: ok('The order', ref('Order')),
          404: error('No such gift of yours'),
          409: error('Already claimed'),
        },
      },
    },
    '/api/v1/gifts/{token}': {
      get: {
        summary: 'What a claim link holds: sender, message, games',
        tags: ['gifts'],
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('The gift', { type: 'object' }),
          404: error('Unknown, replaced or refunded link'),
        },
      },
    },
    '/api/v1/gifts/{token}/claim': {
      post: {
        summary: 'Put a gift in the caller’s library (the account of the address it was sent to)',
        tags: ['gifts'],
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('Items claimed', { type: 'object', properties: { items: { type: 'integer' } } }),
          401: error('Not signed in'),
          404: error('Unknown link, or another account’s gift'),
        },
      },
    },
    '/api/v1/library': {
      get: {
        summary: 'Every game the caller owns: edition, platform, key state, download, order',
        tags: ['library'],
        responses: {
          200: ok('The library', {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string', format: 'uuid' },
                    productId: { type: 'string', format: 'uuid' },
                    slug: { type: 'string' },
                    title: { type: 'string' },
                    editionId: { type: 'string', format: 'uuid' },
                    editionName: { type: 'string' },
                    platform: { type: 'string' },
                    delivery: { type: 'string', enum: ['key', 'download'] },
                    orderId: { type: 'string', format: 'uuid' },
                    acquiredAt: { type: 'string', format: 'date-time' },
                    key: {
                      type: ['object', 'null'],
                      properties: {
                        state: { type: 'string', enum: ['pending', 'hidden', 'revealed'] },
                        revealedAt: { type: ['string', 'null'] },
                      },
                    },
                    download: {
                      type: ['object', 'null'],
                      properties: {
                        ready: { type: 'boolean' },
                        fileName: { type: ['string', 'null'] },
                        sizeBytes: { type: ['integer', 'null'] },
                      },
                    },
                    gift: { type: 'boolean' },
                  },
                },
              },
            },
          }),
          401: error('Not signed in'),
        },
      },
    },
    '/api/v1/payments/webhook': {
      post: {
        summary: 'Payment provider events (HMAC-SHA256 signed)',
        description:
          'Header Arcade-Signature: t=<unix seconds>,v1=<hex HMAC of "t.body" with PAYMENT_WEBHOOK_SECRET>. Older than 5 minutes or wrong: 400. A replayed event id changes nothing.',
        tags: ['payments'],
        parameters: [
          { name: 'Arcade-Signature', in: 'header', required: true, schema: { type: 'string' } },
          {
            name: 'provider',
            in: 'query',
            required: false,
            schema: { type: 'string', default: 'simulated' },
            description: 'The provider calling; its intents are looked up under its name',
          },
        ],
        responses: {
          200: ok('Received', {
            type: 'object',
            properties: { received: { type: 'boolean' }, duplicate: { type: 'boolean' } },
          }),
          400: error('Bad signature, stale timestamp or malformed event'),
          404: error('Unknown provider or payment intent'),
        },
      },
    },
  },
} as const;
