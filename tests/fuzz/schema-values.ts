import fc from 'fast-check';
import { hostileString, huge, known, slotFor, SLOTS, weirdJson } from './hostile';

/*
 * Values drawn from the OpenAPI document's JSON schemas: valid-ish ones that get past the first
 * check, and hostile ones (wrong type, null, out of range, huge, deep, prototype keys) anywhere
 * inside. Pure, like hostile.ts.
 */

type JsonSchema = Record<string, unknown>;
export type SchemaDoc = { components?: { schemas?: Record<string, JsonSchema> } };

function resolveRef(schema: JsonSchema, doc: SchemaDoc): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.split('/').at(-1)!;
  return doc.components?.schemas?.[name] ?? {};
}

type Ctx = { doc: SchemaDoc; depth: number; name: string; routePath: string };

/** A value that follows the schema (mostly), so requests get past the first check. */
export function validish(schemaIn: JsonSchema, ctx: Ctx): fc.Arbitrary<unknown> {
  const schema = resolveRef(schemaIn, ctx.doc);
  if (ctx.depth > 6) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length)
    return fc.constantFrom(...(schema.enum as unknown[]));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length) {
      return fc.oneof(
        ...(options as JsonSchema[]).map((s) => validish(s, { ...ctx, depth: ctx.depth + 1 })),
      );
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length) {
    return validish(
      Object.assign({}, ...(schema.allOf as JsonSchema[]).map((s) => resolveRef(s, ctx.doc))),
      ctx,
    );
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    const types = type as string[];
    return fc.oneof(...types.map((t) => validish({ ...schema, type: t }, ctx)));
  }
  if (type === undefined) type = schema.properties ? 'object' : schema.items ? 'array' : undefined;
  switch (type) {
    case 'string':
      return stringFor(schema, ctx);
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : -10;
      const max = typeof schema.maximum === 'number' ? schema.maximum : 100_000;
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
    }
    case 'number':
      return fc.double({
        min: (schema.minimum as number) ?? -1e6,
        max: (schema.maximum as number) ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema.items as JsonSchema | undefined) ?? {};
      const maxLength = Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, 4);
      const minLength = Math.min(
        typeof schema.minItems === 'number' ? schema.minItems : 0,
        maxLength,
      );
      return fc.array(validish(items, { ...ctx, depth: ctx.depth + 1 }), { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, ctx, false);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, ctx: Ctx): fc.Arbitrary<string> {
  const slot = slotFor(ctx.name, ctx.routePath);
  const format = schema.format;
  if (format === 'uuid')
    return slot ? fc.oneof({ arbitrary: known(slot), weight: 3 }, fc.uuid()) : fc.uuid();
  if (slot && slot !== 'board' && /id$/i.test(ctx.name))
    return fc.oneof({ arbitrary: known(slot), weight: 3 }, fc.uuid());
  if (format === 'email' || /email/i.test(ctx.name)) return fc.emailAddress();
  if (format === 'date')
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (format === 'uri' || format === 'url') return fc.webUrl();
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 300);
    } catch {
      // a pattern JavaScript cannot compile: fall through to plain text
    }
  }
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.max(
    minLength,
    Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 60),
  );
  return fc.string({ minLength, maxLength });
}

function objectOf(
  schema: JsonSchema,
  ctx: Ctx,
  hostileChildren: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.entries(
    (schema.properties as Record<string, JsonSchema> | undefined) ?? {},
  );
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const entry = ([key, sub]: [string, JsonSchema]) => {
    const c = { ...ctx, depth: ctx.depth + 1, name: key };
    const value = hostileChildren
      ? fc.oneof(
          { arbitrary: validish(sub, c), weight: 2 },
          { arbitrary: hostile(sub, c), weight: 1 },
        )
      : validish(sub, c);
    // 0 drops the key: a missing required field, or an optional one left out.
    return fc.tuple(fc.constant(key), value, fc.nat({ max: hostileChildren ? 7 : 3 }));
  };
  const extras = hostileChildren
    ? fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              '__proto__',
              'constructor',
              'role',
              'isAdmin',
              'id',
              'userId',
              'status',
              'priceCents',
            ),
            hostileString,
          ),
          weirdJson,
        ),
        { maxLength: 2 },
      )
    : fc.constant([] as [string, unknown][]);
  return fc.tuple(fc.tuple(...properties.map(entry)), extras).map(([entries, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [key, value, keep] of entries) {
      if (keep === 0 && (hostileChildren || !required.has(key))) continue;
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    for (const [key, value] of extra)
      Object.defineProperty(out, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  });
}

/** A value that breaks the schema: wrong type, null, a hostile string, huge, deep, or hostile inside. */
export function hostile(schemaIn: JsonSchema, ctx: Ctx): fc.Arbitrary<unknown> {
  const schema = resolveRef(schemaIn, ctx.doc);
  const isObject = schema.type === 'object' || (schema.type === undefined && schema.properties);
  const isArray = schema.type === 'array';
  const options: fc.WeightedArbitrary<unknown>[] = [
    { arbitrary: weirdJson, weight: 3 },
    { arbitrary: hostileString, weight: 3 },
    { arbitrary: fc.constant(null), weight: 1 },
  ];
  if (ctx.depth < 4 && isObject) {
    options.push({
      arbitrary: objectOf(schema, { ...ctx, depth: ctx.depth + 1 }, true),
      weight: 6,
    });
    // Valid but for one field: how a bad value gets past every other check to the database.
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const keys = Object.keys(properties);
    if (keys.length) {
      options.push({
        arbitrary: fc
          .constantFrom(...keys)
          .chain((key) =>
            fc
              .tuple(
                validish(schema, ctx),
                hostile(properties[key]!, { ...ctx, depth: ctx.depth + 1, name: key }),
              )
              .map(([value, bad]) => ({ ...(value as Record<string, unknown>), [key]: bad })),
          ),
        weight: 8,
      });
    }
  }
  if (schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))) {
    // A valid value with NUL, an RTL override, an emoji or a lone surrogate at its end: passes
    // length and format checks that look at the start, and reaches the database.
    options.push({
      arbitrary: fc
        .tuple(validish({ ...schema, type: 'string' }, ctx), fc.constantFrom(...TAILS))
        .map(([value, tail]) => `${String(value)}${tail}`),
      weight: 6,
    });
  }
  if (ctx.depth < 4 && isArray) {
    const items = (schema.items as JsonSchema | undefined) ?? {};
    options.push({
      arbitrary: fc.array(hostile(items, { ...ctx, depth: ctx.depth + 1 }), { maxLength: 5 }),
      weight: 3,
    });
    options.push({
      arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => `{{many:${n}}}`),
      weight: 1,
    });
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    options.push({
      arbitrary: fc.constantFrom<unknown>(
        -1,
        0,
        1.5,
        100,
        1e9,
        2 ** 31,
        2 ** 53 + 2,
        -(2 ** 31) - 1,
        '1',
        '1e3',
        ' 7 ',
        '0x10',
        true,
      ),
      weight: 4,
    });
  }
  return fc.oneof(...options);
}

/** A JSON body for a request body schema: often valid, often hostile somewhere inside. */
export function jsonBodyFor(
  schema: JsonSchema | undefined,
  ctx: Omit<Ctx, 'depth' | 'name'>,
): fc.Arbitrary<unknown> {
  const c = { ...ctx, depth: 0, name: '' };
  if (!schema) return fc.oneof(weirdJson, fc.dictionary(hostileString, weirdJson, { maxKeys: 4 }));
  return fc.oneof(
    { arbitrary: validish(schema, c), weight: 2 },
    { arbitrary: hostile(schema, c), weight: 5 },
  );
}

/** A hostile path parameter: ids of other things, not-uuids, traversal, huge, unicode. */
export function pathParam(
  name: string,
  schema: JsonSchema | undefined,
  routePath: string,
): fc.Arbitrary<string> {
  const slot = slotFor(name, routePath);
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: hostileString, weight: 4 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.uuid().map((u) => u.toUpperCase()), weight: 1 },
    { arbitrary: fc.uuid().map((u) => `{${u}}`), weight: 1 },
    { arbitrary: fc.uuid().map((u) => `${u}%00`), weight: 1 },
    { arbitrary: withTail(known(slot ?? 'product')), weight: 2 },
    { arbitrary: fc.uuid().map((u) => `${u}/../../admin`), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        '..',
        '.',
        '..%2f..%2f..%2fetc%2fpasswd',
        '../../etc/passwd',
        '..\\..\\windows',
        '%2e%2e',
        'x/../../y',
      ),
      weight: 2,
    },
    { arbitrary: huge(300, 20_000), weight: 1 },
    { arbitrary: known(slot ?? 'product'), weight: slot ? 4 : 1 },
    // Another kind of id where this one is expected (an order id as a product id …).
    { arbitrary: fc.constantFrom(...SLOTS).chain((s) => known(s)), weight: 2 },
  ];
  if (schema?.enum && Array.isArray(schema.enum))
    options.push({ arbitrary: fc.constantFrom(...(schema.enum as string[])), weight: 2 });
  return fc.oneof(...options);
}

/** A query-string value: the documented type, a hostile string, or a number out of range. */
/** A valid query-string value of the documented type. */
export function validQueryValue(
  name: string,
  schema: JsonSchema | undefined,
  ctx: Omit<Ctx, 'depth' | 'name'>,
): fc.Arbitrary<string> {
  return validish(schema ?? { type: 'string' }, { ...ctx, depth: 0, name }).map((v) =>
    typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
  );
}

/** Characters that pass checks looking at a value's start and break what stores or queries it. */
const TAILS = ['\u0000', 'a\u0000', '\u202e', '🎮', '\ud800', '\udc00x', ' ', '\n', '%', "'"];

/** A valid value with a hostile tail. */
export const withTail = (valid: fc.Arbitrary<string>) =>
  fc.tuple(valid, fc.constantFrom(...TAILS)).map(([value, tail]) => `${value}${tail}`);

export function queryValue(
  name: string,
  schema: JsonSchema | undefined,
  ctx: Omit<Ctx, 'depth' | 'name'>,
): fc.Arbitrary<string> {
  const valid = validQueryValue(name, schema, ctx);
  return fc.oneof(
    { arbitrary: valid, weight: 3 },
    { arbitrary: withTail(valid), weight: 2 },
    { arbitrary: hostileString, weight: 3 },
    {
      arbitrary: fc.constantFrom(
        '-1',
        '0',
        '1.5',
        '1e9',
        '99999999999999999999',
        'NaN',
        '[]',
        '{}',
        'true',
        '',
      ),
      weight: 2,
    },
  );
}
