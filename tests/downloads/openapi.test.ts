import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

describe('the downloads part of the OpenAPI document', () => {
  const doc = openApiDocument('http://127.0.0.1:3000');

  it('documents the link, file and upload routes', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/library/{itemId}/download',
        '/api/v1/downloads/{itemId}',
        '/api/v1/admin/editions/{id}/file',
      ]),
    );
  });

  it('resolves every schema it references', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs).toEqual(expect.arrayContaining(['DownloadLink', 'EditionFile']));
    expect([...new Set(refs)].filter((name) => !(name in doc.components.schemas))).toEqual([]);
  });
});
