/** Downloads in /api/v1/openapi.json: signed links, the file route and build uploads. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (description: string, schema: object) => ({ description, ...jsonBody(schema) });
const error = (description: string) => ({ description, ...jsonBody(ref('Error')) });
const uuidParam = (name: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
});
const header = (description: string) => ({ description, schema: { type: 'string' } });

const fileHeaders = {
  'Accept-Ranges': header('Always `bytes`'),
  'Content-Length': header('Bytes in this response'),
  'Content-Disposition': header('`attachment; filename="…"`'),
  ETag: header('The sha256 of the build, quoted'),
  'Cache-Control': header('`private, no-store`'),
};

const schemas = {
  DownloadLink: {
    type: 'object',
    required: ['url', 'expiresAt'],
    properties: {
      url: {
        type: 'string',
        format: 'uri',
        description: 'Signed link to GET /api/v1/downloads/{itemId}',
      },
      expiresAt: { type: 'string', format: 'date-time' },
    },
  },
  EditionFile: {
    type: 'object',
    required: ['editionId', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'],
    properties: {
      editionId: { type: 'string', format: 'uuid' },
      fileName: { type: 'string' },
      contentType: { type: 'string' },
      sizeBytes: { type: 'integer' },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      uploadedAt: { type: 'string', format: 'date-time' },
    },
  },
};

export const downloadsOpenApi = {
  schemas,
  paths: {
    '/api/v1/library/{itemId}/download': {
      get: {
        summary: 'A signed, short-lived link to the build of a library item you own',
        description:
          'Answers 302 to the signed URL (follow it), or `{url, expiresAt}` with `?format=json`. Each call counts against the daily limit of links (DOWNLOADS_PER_DAY, per UTC day).',
        tags: ['downloads'],
        security: [{ session: [] }],
        parameters: [
          uuidParam('itemId'),
          {
            name: 'format',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['json'] },
          },
        ],
        responses: {
          302: {
            description: 'Redirect to the signed URL',
            headers: { Location: header('The signed URL') },
          },
          200: ok('With ?format=json', ref('DownloadLink')),
          400: error('Unknown format'),
          401: error('Not signed in'),
          404: error('Not in your library (someone else’s item, unclaimed gift, refunded)'),
          409: error(
            'This edition is delivered as a key or a box, or its build is not uploaded yet',
          ),
          429: error('Daily limit of links reached; Retry-After counts to midnight UTC'),
        },
      },
    },
    '/api/v1/downloads/{itemId}': {
      get: {
        summary: 'The build behind a signed link (no session needed)',
        description:
          'Single byte ranges (`bytes=a-b`, `a-`, `-n`) answer 206; several ranges answer the whole file; `If-Range` that no longer matches answers the whole file. HEAD answers the same headers without a body.',
        tags: ['downloads'],
        parameters: [
          uuidParam('itemId'),
          {
            name: 'u',
            in: 'query',
            required: true,
            schema: { type: 'string', format: 'uuid' },
            description: 'Owner',
          },
          {
            name: 'e',
            in: 'query',
            required: true,
            schema: { type: 'integer' },
            description: 'Expiry, unix seconds',
          },
          {
            name: 's',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            description: 'HMAC-SHA256, base64url',
          },
          { name: 'Range', in: 'header', required: false, schema: { type: 'string' } },
          { name: 'If-Range', in: 'header', required: false, schema: { type: 'string' } },
        ],
        responses: {
          200: {
            description: 'The whole file',
            headers: fileHeaders,
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          206: {
            description: 'One byte range',
            headers: { ...fileHeaders, 'Content-Range': header('`bytes a-b/size`') },
            content: {
              'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            },
          },
          403: error('Link forged, altered or expired; or the item was refunded'),
          404: error('The build is not available'),
          416: error('Range outside the file; Content-Range: bytes */size'),
          429: error('Too many requests for this link or from this address'),
        },
      },
    },
    '/api/v1/admin/editions/{id}/file': {
      put: {
        summary: 'Upload (replace) the build of a download edition',
        description:
          'Raw bytes as application/octet-stream with `?name=<file name>`, or multipart/form-data with a `file` field. At most MAX_BUILD_BYTES.',
        tags: ['admin'],
        security: [{ session: [] }],
        parameters: [
          uuidParam('id'),
          {
            name: 'name',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'File name (required for raw bytes)',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: { file: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
        responses: {
          200: ok('The stored build', { type: 'object', properties: { file: ref('EditionFile') } }),
          400: error('Empty file or missing name'),
          401: error('Not signed in'),
          403: error('Not an admin, or cross-origin'),
          404: error('No such edition'),
          409: error('The edition is delivered as a key or a box'),
          413: error('Larger than MAX_BUILD_BYTES'),
          415: error('Neither application/octet-stream nor multipart/form-data'),
        },
      },
    },
  },
};
