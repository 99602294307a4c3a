import fc from 'fast-check';
import { deep, hostileString } from './hostile';
import type { Operation } from './operations';
import { jsonBodyFor, type SchemaDoc } from './schema-values';

/*
 * Request bodies for one operation: the documented kinds (JSON from its schema, multipart, text
 * key lists, raw bytes, signed payment events) and hostile ones (invalid JSON, deep nesting,
 * oversized) for every operation. Pure, like hostile.ts.
 */

export type FilePart = {
  name: string;
  filename: string;
  kind: 'png' | 'jpeg' | 'webp' | 'svg' | 'bytes' | 'empty';
  size: number;
  type: string;
};
export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; size: number; fill: number }
  | { kind: 'oversized'; size: number; shape: 'json-string' | 'raw' }
  | { kind: 'multipart'; fields: Array<[string, string]>; files: FilePart[] };

const INVALID_JSON = [
  '{',
  '{"a":',
  'nul',
  '[1,]',
  "{'a':1}",
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '',
  '{"__proto__":',
  '[',
  '"\\ud800"',
  '{"a":"\\u0000"}',
  'NaN',
  '1e999',
];

const file = (name: fc.Arbitrary<string>): fc.Arbitrary<FilePart> =>
  fc.record({
    name,
    filename: fc.oneof(
      fc.constantFrom(
        'cover.png',
        'build.zip',
        '../../../etc/passwd',
        'a\u0000b.png',
        'évil 🎮.png',
        '',
        'x'.repeat(500),
        'con.exe',
      ),
      hostileString,
    ),
    kind: fc.constantFrom('png', 'jpeg', 'webp', 'svg', 'bytes', 'empty'),
    size: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 4_096 }), weight: 8 },
      { arbitrary: fc.integer({ min: 5_000_000, max: 5_400_000 }), weight: 1 },
    ),
    type: fc.constantFrom(
      'image/png',
      'image/jpeg',
      'image/svg+xml',
      'application/octet-stream',
      'text/html',
      '',
    ),
  });

export function bodyArbitrary(
  op: Operation,
  ctx: { doc: SchemaDoc; routePath: string },
): fc.Arbitrary<BodySpec> {
  const content = op.spec?.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const multipart = content['multipart/form-data']?.schema;
  const text = content['text/plain'] ?? content['text/csv'];
  const octets = content['application/octet-stream'];
  const webhook = op.path === '/api/v1/payments/webhook';
  const writes = op.method !== 'GET' && op.method !== 'HEAD';

  const options: fc.WeightedArbitrary<BodySpec>[] = [
    { arbitrary: fc.constant<BodySpec>({ kind: 'none' }), weight: writes ? 3 : 12 },
    {
      arbitrary: jsonBodyFor(jsonSchema, ctx).map((value): BodySpec => ({ kind: 'json', value })),
      weight: jsonSchema ? 24 : 3,
    },
    {
      arbitrary: fc
        .oneof(fc.constantFrom(...INVALID_JSON), hostileString)
        .map((t): BodySpec => ({ kind: 'text', text: t })),
      weight: 3,
    },
    {
      arbitrary: deep(1_000, 200_000).map((t): BodySpec => ({ kind: 'text', text: t })),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({ size: fc.integer({ min: 1, max: 70_000 }), fill: fc.nat({ max: 255 }) })
        .map((b): BodySpec => ({ kind: 'bytes', ...b })),
      weight: octets ? 10 : 1,
    },
    // Rare: each costs a few milliseconds to build and parse.
    {
      arbitrary: fc
        .record({
          size: fc.integer({ min: 1_000_000, max: 6_000_000 }),
          shape: fc.constantFrom('json-string', 'raw'),
        })
        .map((o): BodySpec => ({ kind: 'oversized', ...o })),
      weight: 1,
    },
  ];
  if (multipart) {
    const names = Object.keys((multipart.properties as Record<string, unknown> | undefined) ?? {});
    const name = fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 4 }, hostileString);
    options.push({
      arbitrary: fc
        .record({
          fields: fc.array(fc.tuple(name, fc.oneof(hostileString, fc.string({ maxLength: 200 }))), {
            maxLength: 3,
          }),
          files: fc.array(file(name), { maxLength: 2 }),
        })
        .map((m): BodySpec => ({ kind: 'multipart', ...m })),
      weight: 20,
    });
  }
  if (text) {
    const line = fc.oneof(
      fc.stringMatching(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){2,4}$/),
      hostileString,
      fc.constantFrom('key,batch', 'key', '"unterminated', ',,,', '=cmd|/c calc'),
    );
    options.push({
      arbitrary: fc.array(line, { maxLength: 30 }).map((lines): BodySpec => ({
        kind: 'text',
        text: lines.join(['\n', '\r\n', ','][lines.length % 3]!),
      })),
      weight: 20,
    });
    options.push({
      arbitrary: fc
        .integer({ min: 10_001, max: 12_000 })
        .map((n): BodySpec => ({ kind: 'text', text: 'AAAAA-BBBBB-CCCCC\n'.repeat(n) })),
      weight: 1,
    });
  }
  if (webhook) options.push({ arbitrary: paymentEvent(ctx), weight: 30 });
  return fc.oneof(...options);
}

/**
 * The provider's event, which the OpenAPI document does not describe (only the signature header):
 * the shape lib/payments/webhook.ts accepts, so bodies are valid but for one field often enough to
 * get past the schema to the database. Signed most of the time (see cases.ts).
 */
const PAYMENT_EVENT = {
  type: 'object',
  required: ['id', 'type', 'created', 'data'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 60 },
    type: { type: 'string', enum: ['payment_intent.succeeded', 'payment_intent.payment_failed'] },
    created: { type: 'integer', minimum: 1_700_000_000, maximum: 1_900_000_000 },
    data: {
      type: 'object',
      required: ['intentId', 'amountCents', 'currency'],
      properties: {
        intentId: { type: 'string' },
        amountCents: { type: 'integer', minimum: 0, maximum: 100_000 },
        currency: { type: 'string', enum: ['USD', 'EUR', 'JPY'] },
        failureReason: { type: 'string', maxLength: 500 },
      },
    },
  },
};

function paymentEvent(ctx: { doc: SchemaDoc; routePath: string }): fc.Arbitrary<BodySpec> {
  return jsonBodyFor(PAYMENT_EVENT, ctx).map((value): BodySpec => ({ kind: 'json', value }));
}
