import fc from 'fast-check';
import { bodyArbitrary, type BodySpec } from './bodies';
import { headerSafe, hostileString, rawQuery } from './hostile';
import { isAdminPath, type OpenApiDocument, type Operation } from './operations';
import { pathParam, queryValue, validQueryValue, withTail, type SchemaDoc } from './schema-values';

/*
 * One fuzz case: an abstract request for one operation, drawn by fast-check from a fixed seed.
 * Tokens ({{known:…}}, {{huge:…}}, {{deep:…}}, {{sign}}) are expanded when it is sent.
 */

export type Persona = 'anon' | 'customer' | 'admin';
/** How the session cookie is mangled: as-is, cut short (bad signature), with junk, or renamed. */
export type CookieMode = 'as-is' | 'truncated' | 'junk' | 'renamed';

export type Case = {
  persona: Persona;
  cookieMode: CookieMode;
  params: Record<string, string>;
  query: Array<[string, string]>;
  rawQuery: string;
  /** `undefined`: the content type that fits the body; `null`: none at all. */
  contentType: string | null | undefined;
  headers: Record<string, string>;
  body: BodySpec;
};

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON; charset=utf-16',
  'application/json-patch+json',
  'text/plain',
  'text/csv',
  'text/plain; charset=iso-8859-1',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----nope',
  'application/octet-stream',
  'image/png',
  'application/xml',
  '',
  ';;;',
  'application/json\u00e9',
];

const SAME_ORIGIN = 'http://localhost:3000';
const FOREIGN_ORIGINS = [
  'https://evil.example',
  'null',
  'http://localhost:3000.evil.example',
  'file://',
  'http://LOCALHOST:3000',
  '',
];

const ipv4 = fc
  .tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }))
  .map((p) => p.join('.'));
const forwardedFor = fc.oneof(
  { arbitrary: ipv4, weight: 4 },
  {
    arbitrary: fc.constantFrom(
      '::1',
      '2001:db8::1',
      '[::ffff:10.0.0.1]:443',
      '1.2.3.4, 5.6.7.8',
      'unknown',
      '999.1.1.1',
      ', , ,',
      '127.0.0.1:80',
    ),
    weight: 2,
  },
  { arbitrary: hostileString.map((s) => headerSafe(s, 512)), weight: 1 },
);

/** An arbitrary of cases for one operation. */
export function caseArbitrary(op: Operation, doc: OpenApiDocument): fc.Arbitrary<Case> {
  const ctx = { doc: doc as SchemaDoc, routePath: op.path };
  const parameters = op.spec?.parameters ?? [];
  const paramSchema = (name: string) =>
    parameters.find((p) => p.in === 'path' && p.name === name)?.schema;

  const params = fc
    .tuple(
      ...op.pathParams.map((name) =>
        pathParam(name, paramSchema(name), op.path).map((v) => [name, v] as const),
      ),
    )
    .map((entries) => Object.fromEntries(entries));

  const queryParams = parameters.filter((p) => p.in === 'query');
  const documentedQuery = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.tuple(fc.constant(p.name), queryValue(p.name, p.schema, ctx), fc.nat({ max: 4 })),
      ),
    )
    // 0: left out; 4: sent twice (repeated keys become arrays).
    .map((entries) =>
      entries.flatMap(([k, v, n]): Array<[string, string]> =>
        n === 0
          ? []
          : n === 4
            ? [
                [k, v],
                [k, `${v}x`],
              ]
            : [[k, v]],
      ),
    );
  // Every documented parameter valid (or left out) but one: how a bad value reaches the query.
  const oneBadQuery = queryParams.length
    ? fc
        .tuple(
          fc.tuple(
            ...queryParams.map((p) =>
              fc.option(fc.tuple(fc.constant(p.name), validQueryValue(p.name, p.schema, ctx))),
            ),
          ),
          fc
            .constantFrom(...queryParams)
            .chain((p) =>
              fc.tuple(
                fc.constant(p.name),
                fc.oneof(withTail(validQueryValue(p.name, p.schema, ctx)), hostileString),
              ),
            ),
        )
        .map(([valid, bad]) => [
          ...valid.filter((e): e is [string, string] => e !== null && e[0] !== bad[0]),
          bad,
        ])
    : documentedQuery;
  const extraQuery = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('page', 'limit', 'sort', 'q', 'id', 'format', '__proto__'),
        hostileString,
      ),
      hostileString,
    ),
    { maxLength: 2 },
  );
  const query = fc
    .tuple(fc.oneof(documentedQuery, oneBadQuery), extraQuery)
    .map(([a, b]) => [...a, ...b]);

  const headerParams = parameters.filter((p) => p.in === 'header');
  const documentedHeaders = fc
    .tuple(
      ...headerParams.map((p) =>
        fc.tuple(
          fc.constant(p.name.toLowerCase()),
          fc.oneof(
            { arbitrary: headerValueFor(p.name), weight: 4 },
            { arbitrary: hostileString.map((s) => headerSafe(s)), weight: 2 },
            { arbitrary: fc.constant(undefined), weight: 1 },
          ),
        ),
      ),
    )
    .map(
      (entries) =>
        Object.fromEntries(entries.filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
  const commonHeaders = fc.record(
    {
      origin: fc.oneof(
        { arbitrary: fc.constant(SAME_ORIGIN), weight: 4 },
        fc.constantFrom(...FOREIGN_ORIGINS),
      ),
      'x-forwarded-for': forwardedFor,
      'user-agent': fc.oneof(
        fc.constant('fuzz/1.0'),
        hostileString.map((s) => headerSafe(s, 2_000)),
      ),
      accept: fc.constantFrom('application/json', '*/*', 'text/html', '', 'application/json;q=0'),
      'x-request-id': hostileString.map((s) => headerSafe(s, 300)),
      'content-length': fc.constantFrom('0', '-1', 'abc', '99999999999', '1e3'),
      'idempotency-key': fc.oneof(
        fc.uuid(),
        hostileString.map((s) => headerSafe(s, 400)),
      ),
      range: fc.constantFrom(
        'bytes=0-10',
        'bytes=-1',
        'bytes=5-1',
        'bytes=0-99999999999999',
        'bytes=a-b',
        'lines=1-2',
        'bytes=0-1,2-3,4-5',
      ),
    },
    { requiredKeys: [] },
  );
  const headers = fc.tuple(commonHeaders, documentedHeaders).map(([a, b]) => ({ ...a, ...b }));

  return fc.record({
    // Admin routes mostly as an admin, to get past the role check into the handlers' own code.
    persona: isAdminPath(op.path)
      ? fc.oneof(
          { arbitrary: fc.constant<Persona>('admin'), weight: 4 },
          fc.constantFrom<Persona>('anon', 'customer'),
        )
      : fc.constantFrom<Persona>('anon', 'customer', 'admin'),
    cookieMode: fc.oneof(
      { arbitrary: fc.constant<CookieMode>('as-is'), weight: 12 },
      fc.constantFrom<CookieMode>('truncated', 'junk', 'renamed'),
    ),
    params,
    query,
    rawQuery,
    contentType: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 12 },
      { arbitrary: fc.constant(null), weight: 1 },
      fc.constantFrom(...CONTENT_TYPES),
    ),
    headers,
    body: bodyArbitrary(op, ctx),
  });
}

function headerValueFor(name: string): fc.Arbitrary<string> {
  const n = name.toLowerCase();
  if (n === 'arcade-signature')
    return fc.oneof(
      { arbitrary: fc.constant('{{sign}}'), weight: 12 },
      fc.constantFrom(
        '{{sign:stale}}',
        '{{sign:future}}',
        't=1,v1=00',
        'v1=abc',
        't=,v1=',
        't=1e99,v1=zz',
        't=1,t=2,v1=a,v1=b',
      ),
    );
  if (n === 'idempotency-key')
    return fc.oneof(
      fc.uuid(),
      fc.string({ minLength: 8, maxLength: 200 }).map((s) => headerSafe(s, 400)),
    );
  if (n === 'range')
    return fc.constantFrom(
      'bytes=0-10',
      'bytes=-1',
      'bytes=5-1',
      'bytes=0-99999999999999',
      'bytes=a-b',
      'bytes=0-1,2-3',
    );
  if (n === 'if-range')
    return fc.constantFrom('"etag"', 'W/"x"', 'Wed, 21 Oct 2015 07:28:00 GMT', 'not a date');
  return hostileString.map((s) => headerSafe(s));
}
