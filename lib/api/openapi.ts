import { adminOpenApi } from '@/lib/admin/openapi';
import { authOpenApi } from '@/lib/auth/openapi';
import { catalogOpenApi } from '@/lib/catalog/openapi';
import { downloadsOpenApi } from '@/lib/downloads/openapi';
import { ordersOpenApi } from '@/lib/orders/openapi';
import { vaultOpenApi } from '@/lib/vault/openapi';

export type OpenApiPart = { schemas: Record<string, unknown>; paths: Record<string, unknown> };

const foundation: OpenApiPart = {
  schemas: {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: {
              type: 'string',
              enum: [
                'validation',
                'unauthenticated',
                'forbidden',
                'not_found',
                'conflict',
                'rate_limited',
                'unavailable',
                'internal',
              ],
            },
            message: { type: 'string' },
            fields: {
              type: 'object',
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
  paths: {
    '/api/v1/ping': {
      get: {
        summary: 'Liveness: always {"ok":true}',
        tags: ['ops'],
        responses: { 200: { description: 'Alive' } },
      },
    },
    '/api/health': {
      get: {
        summary: 'Database and Redis status (Redis down = degraded, database down = 503)',
        tags: ['ops'],
        responses: {
          200: { description: 'ok or degraded' },
          503: { description: 'database unreachable' },
        },
      },
    },
  },
};

const parts: OpenApiPart[] = [
  foundation,
  authOpenApi,
  catalogOpenApi,
  ordersOpenApi,
  adminOpenApi,
  downloadsOpenApi,
  vaultOpenApi,
];

/** The OpenAPI 3.1 document of /api/v1, assembled from each capability's own part. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Arcade API',
      version: '1.0.0',
      description: 'The shop as JSON: catalog, auth, cart, orders, payments, admin.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: Object.assign({}, ...parts.map((p) => p.schemas)),
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token' } },
    },
    paths: Object.assign({}, ...parts.map((p) => p.paths)),
  };
}
