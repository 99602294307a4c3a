import { LOW_KEYS_THRESHOLD } from './inventory';
import { MAX_IMPORT_LINES } from './parse';

/** The licence-key vault in /api/v1/openapi.json: the admin import and summary, the owner's reveal. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: object) => ({ description, ...jsonBody(schema) });
const error = (description: string) => ({ description, ...jsonBody(ref('Error')) });
const pathId = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
});
const count = { type: 'integer', minimum: 0 };
const adminRefusals = {
  401: error('Not signed in'),
  403: error('Not an admin, or a cross-origin request'),
  404: error('No such edition'),
  409: error('The edition is not delivered by licence key'),
};

const schemas = {
  KeyImportReport: {
    type: 'object',
    required: ['imported', 'servedOwed', 'duplicates', 'malformed', 'available'],
    properties: {
      imported: { ...count, description: 'Keys written to the vault' },
      servedOwed: {
        ...count,
        description: 'Of those, keys handed at once to buyers waiting for one',
      },
      duplicates: {
        type: 'array',
        description: 'Lines whose key is already in the vault or earlier in the file',
        items: { type: 'object', required: ['line'], properties: { line: { type: 'integer' } } },
      },
      malformed: {
        type: 'array',
        description: 'Lines that are not a key: 5 to 100 letters, digits or “-”',
        items: {
          type: 'object',
          required: ['line', 'reason'],
          properties: { line: { type: 'integer' }, reason: { type: 'string' } },
        },
      },
      available: {
        ...count,
        description: 'Keys of the edition available for sale after the import',
      },
    },
  },
  KeyInventory: {
    type: 'object',
    required: ['available', 'assigned', 'revealed', 'revoked', 'owed', 'lowKeys'],
    properties: {
      available: count,
      assigned: count,
      revealed: count,
      revoked: count,
      owed: { ...count, description: 'Paid units waiting for a key (the pool ran dry)' },
      lowKeys: { type: 'boolean', description: `Fewer than ${LOW_KEYS_THRESHOLD} keys available` },
    },
  },
  KeyEdition: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      productId: { type: 'string', format: 'uuid' },
      productTitle: { type: 'string' },
      sku: { type: 'string' },
      name: { type: 'string' },
      platform: { type: 'string' },
      stock: count,
      archived: { type: 'boolean' },
    },
  },
  RevealedKey: {
    type: 'object',
    required: ['key', 'revealedAt', 'platform', 'editionName'],
    properties: {
      key: { type: 'string' },
      revealedAt: { type: 'string', format: 'date-time', description: 'The first reveal' },
      platform: { type: 'string' },
      editionName: { type: 'string' },
    },
  },
};

const keyList = {
  type: 'string',
  description: `At most ${MAX_IMPORT_LINES.toLocaleString('en-US')} lines and 1 MB`,
};

export const vaultOpenApi = {
  schemas,
  paths: {
    '/api/v1/admin/editions/{id}/keys': {
      post: {
        summary:
          'Import licence keys into a key edition (owed buyers served first, the rest on sale)',
        tags: ['admin'],
        security: [{ session: [] }],
        parameters: [pathId('id')],
        requestBody: {
          required: true,
          content: {
            'text/plain': {
              schema: { ...keyList, example: 'AAAAA-BBBBB-CCCCC\nDDDDD-EEEEE-FFFFF' },
            },
            'text/csv': { schema: { ...keyList, example: 'key,batch\nAAAAA-BBBBB-CCCCC,7' } },
          },
        },
        responses: {
          201: ok('Keys imported', ref('KeyImportReport')),
          200: ok('Nothing new: every key was a duplicate or malformed', ref('KeyImportReport')),
          400: error('No keys, or a CSV without a “key” column'),
          413: error('More than 10,000 lines or 1 MB'),
          415: error('Not text/plain or text/csv'),
          ...adminRefusals,
        },
      },
    },
    '/api/v1/admin/editions/{id}/keys/summary': {
      get: {
        summary: 'Key counts of an edition by status, keys owed and the low-keys flag',
        tags: ['admin'],
        security: [{ session: [] }],
        parameters: [pathId('id')],
        responses: {
          200: ok('The edition and its key inventory', {
            type: 'object',
            properties: { edition: ref('KeyEdition'), inventory: ref('KeyInventory') },
          }),
          ...adminRefusals,
        },
      },
    },
    '/api/v1/library/{itemId}/reveal': {
      post: {
        summary: 'Reveal the licence key of one of your library items (every reveal is logged)',
        tags: ['library'],
        security: [{ session: [] }],
        parameters: [pathId('itemId')],
        responses: {
          200: ok('The key', ref('RevealedKey')),
          401: error('Not signed in'),
          403: error('Cross-origin request'),
          404: error('Not in your library (someone else’s item answers the same)'),
          409: error('Your key is on its way: the edition is being restocked'),
          429: error('Too many reveals; see Retry-After'),
        },
      },
    },
  },
};
