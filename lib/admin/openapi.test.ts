import { describe, expect, it } from 'vitest';
import { adminOpenApi } from './openapi';

describe('the admin OpenAPI part', () => {
  it('documents request bodies generated from the handlers’ own schemas', () => {
    const post = adminOpenApi.paths['/api/v1/admin/products']!.post as {
      requestBody: {
        content: Record<
          string,
          {
            schema: {
              required: string[];
              properties: Record<string, unknown>;
              additionalProperties: unknown;
            };
          }
        >;
      };
    };
    const schema = post.requestBody.content['application/json']!.schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['title', 'description', 'priceCents', 'categoryId', 'releaseDate']),
    );
    expect(schema.properties).toHaveProperty('stock');
    expect(schema.additionalProperties).toBe(false);
  });

  it('says every admin operation answers 401 and 403', () => {
    const operations = Object.values(adminOpenApi.paths).flatMap(
      (p) => Object.values(p) as { responses: Record<string, unknown> }[],
    );
    expect(operations.length).toBeGreaterThanOrEqual(27);
    for (const o of operations)
      expect(Object.keys(o.responses)).toEqual(expect.arrayContaining(['401', '403']));
  });
});
