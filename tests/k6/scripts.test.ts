import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';

/**
 * The scripts are held to what can be checked without a server: they are modules k6 can load,
 * their init code runs, and every API path they request is a route that exists. When the k6 binary
 * is there (K6_BIN, or ../shared/tools/k6 next to the repository), k6 itself must accept them too.
 */

type AstNode = { type: string; start: number; end: number; [key: string]: unknown };
type ApiRequest = { path: string; method?: string };

const K6_DIR = 'k6';
const API_DIR = 'app/api';
/** Stands for a value only known at run time: `${slug}` in a template literal. */
const PLACEHOLDER = '{*}';
const HTTP_VERBS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  del: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
};

function parseModule(source: string): AstNode {
  return parse(source, { sourceType: 'module', ecmaVersion: 'latest' }) as unknown as AstNode;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

function walk(node: unknown, visit: (node: AstNode) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (!isNode(node)) return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'type' && typeof value === 'object') walk(value, visit);
  }
}

/**
 * The API path a literal names, if it names one: `'/api/…'`, `` `/api/…/${x}` `` or
 * `` `${BASE_URL}/api/…` ``. Query strings are cut off; run-time parts become PLACEHOLDER.
 */
function apiPathOf(node: AstNode): string | undefined {
  let text: string | undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') {
    text = node.value;
  } else if (node.type === 'TemplateLiteral') {
    const quasis = node.quasis as Array<{ value: { cooked: string } }>;
    text = quasis.map((q) => q.value.cooked).join(PLACEHOLDER);
    // A base URL in front (`${BASE_URL}/api/…`) is not part of the path.
    if (text.startsWith(`${PLACEHOLDER}/api/`)) text = text.slice(PLACEHOLDER.length);
  }
  if (!text?.startsWith('/api/')) return undefined;
  const path = text.split(/[?#]/)[0]!;
  // A literal ending in "/" is the front of a longer path: something follows it.
  return path.endsWith('/') ? `${path}${PLACEHOLDER}` : path;
}

type ScriptFacts = {
  imports: string[];
  exportsOptions: boolean;
  exportsDefaultFunction: boolean;
  dynamicLoads: number;
  requests: ApiRequest[];
};

function factsOf(source: string): ScriptFacts {
  const program = parseModule(source);
  const body = program.body as AstNode[];
  const imports = body
    .filter((n) => n.type === 'ImportDeclaration')
    .map((n) => (n.source as { value: string }).value);
  const exportsOptions = body.some((n) => {
    if (n.type !== 'ExportNamedDeclaration' || !isNode(n.declaration)) return false;
    const declarations = (n.declaration.declarations ?? []) as Array<{ id: { name?: string } }>;
    return declarations.some((d) => d.id.name === 'options');
  });
  const exportsDefaultFunction = body.some(
    (n) =>
      n.type === 'ExportDefaultDeclaration' &&
      isNode(n.declaration) &&
      ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(
        n.declaration.type,
      ),
  );

  let dynamicLoads = 0;
  const requests: ApiRequest[] = [];
  const inCalls = new Set<AstNode>();
  walk(program, (node) => {
    if (node.type === 'ImportExpression') dynamicLoads++;
    if (node.type !== 'CallExpression') return;
    const callee = node.callee as AstNode;
    if (callee.type === 'Identifier' && callee.name === 'require') dynamicLoads++;
    // http.get(url) / http.post(url, …): the path together with the method it is sent with.
    if (
      callee.type === 'MemberExpression' &&
      (callee.object as AstNode).type === 'Identifier' &&
      (callee.object as { name: string }).name === 'http'
    ) {
      const verb = HTTP_VERBS[(callee.property as { name: string }).name];
      const first = (node.arguments as AstNode[])[0];
      const path = first ? apiPathOf(first) : undefined;
      if (verb && first && path) {
        requests.push({ path, method: verb });
        inCalls.add(first);
      }
    }
  });
  // Any other literal naming an API path is requested somehow too (a helper, a constant).
  walk(program, (node) => {
    if (inCalls.has(node)) return;
    const path = apiPathOf(node);
    if (path) requests.push({ path });
  });
  return { imports, exportsOptions, exportsDefaultFunction, dynamicLoads, requests };
}

type Route = { segments: string[]; methods: Set<string> };

function routesUnder(dir: string): Route[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routesUnder(path);
    if (!/^route\.(ts|js)$/.test(name)) return [];
    const source = readFileSync(path, 'utf8');
    const methods = new Set(
      [
        ...source.matchAll(
          /export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g,
        ),
      ].map((m) => m[1]!),
    );
    const segments = relative('app', dir)
      .split('/')
      .filter((s) => !/^\(.*\)$/.test(s)); // route groups are not part of the URL
    return [{ segments, methods }];
  });
}

function segmentsMatch(route: string[], path: string[]): boolean {
  const [head, ...rest] = route;
  if (head === undefined) return path.length === 0;
  if (/^\[\[\.\.\..+\]\]$/.test(head)) return true;
  if (/^\[\.\.\..+\]$/.test(head)) return path.length > 0;
  const [segment, ...tail] = path;
  if (segment === undefined || segment === '') return false;
  // A run-time value can only land in a [param] segment; a literal one must be spelled exactly.
  const fits = /^\[.+\]$/.test(head) || (!segment.includes(PLACEHOLDER) && segment === head);
  return fits && segmentsMatch(rest, tail);
}

/** Each request that no route handler under app/api answers, described for the failure message. */
function unansweredRequests(requests: ApiRequest[], routes: Route[]): string[] {
  return requests.flatMap(({ path, method }) => {
    const segments = path.split('/').slice(1);
    const found = routes.filter((r) => segmentsMatch(r.segments, segments));
    if (found.length === 0) return [`${path}: no route`];
    if (method && !found.some((r) => r.methods.has(method)))
      return [`${method} ${path}: route exports no ${method}`];
    return [];
  });
}

/** The script's init code run as k6 would, with its modules stubbed: what `options` comes to. */
function evaluateInit(source: string): { options: Record<string, unknown>; main: unknown } {
  const program = parseModule(source);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const node of program.body as AstNode[]) {
    if (node.type === 'ImportDeclaration') {
      const from = JSON.stringify((node.source as { value: string }).value);
      const bindings = (node.specifiers as AstNode[]).map((s) => {
        const local = (s.local as { name: string }).name;
        if (s.type === 'ImportDefaultSpecifier') return `const ${local} = __k6[${from}].default;`;
        if (s.type === 'ImportNamespaceSpecifier') return `const ${local} = __k6[${from}];`;
        return `const ${local} = __k6[${from}][${JSON.stringify((s.imported as { name: string }).name)}];`;
      });
      edits.push({ start: node.start, end: node.end, text: bindings.join(' ') });
    } else if (node.type === 'ExportNamedDeclaration' && isNode(node.declaration)) {
      edits.push({ start: node.start, end: node.declaration.start, text: '' });
    } else if (node.type === 'ExportDefaultDeclaration' && isNode(node.declaration)) {
      edits.push({ start: node.start, end: node.declaration.start, text: 'const __default = ' });
    }
  }
  let code = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  }
  code += '\n;({ options, main: __default });';

  const metric = class {
    add() {}
  };
  const refuse = () => {
    throw new Error('init code must not send requests');
  };
  const k6 = {
    k6: {
      check: () => true,
      group: (_name: string, fn: () => unknown) => fn(),
      sleep: () => {},
      fail: refuse,
    },
    'k6/http': {
      default: {
        get: refuse,
        post: refuse,
        put: refuse,
        patch: refuse,
        del: refuse,
        request: refuse,
        batch: refuse,
        expectedStatuses: (...statuses: unknown[]) => ({ statuses }),
        setResponseCallback: () => {},
        CookieJar: class {},
      },
    },
    'k6/metrics': { Counter: metric, Gauge: metric, Rate: metric, Trend: metric },
  };
  return runInNewContext(code, { __k6: k6, __ENV: {}, console }) as {
    options: Record<string, unknown>;
    main: unknown;
  };
}

const scripts = existsSync(K6_DIR)
  ? readdirSync(K6_DIR)
      .filter((f) => f.endsWith('.js'))
      .sort()
  : [];
const routes = routesUnder(API_DIR);

describe('the k6 scripts', () => {
  it('are the catalog, auth and checkout scripts the README documents', () => {
    expect(scripts).toEqual(['auth.js', 'catalog.js', 'checkout.js']);
    const readme = readFileSync(join(K6_DIR, 'README.md'), 'utf8');
    for (const script of scripts) expect(readme).toContain(`k6/${script}`);
  });

  describe.each(scripts)('%s', (script) => {
    const source = readFileSync(join(K6_DIR, script), 'utf8');

    it('parses as an ES module', () => {
      expect(() => parseModule(source)).not.toThrow();
    });

    it('imports only k6 and its k6/* modules, and loads nothing at run time', () => {
      const { imports, dynamicLoads } = factsOf(source);
      expect(imports).toContain('k6/http');
      expect(imports.filter((from) => !/^k6(\/[a-z-]+)*$/.test(from))).toEqual([]);
      expect(dynamicLoads).toBe(0);
    });

    it('exports options and a default function', () => {
      const { exportsOptions, exportsDefaultFunction } = factsOf(source);
      expect(exportsOptions).toBe(true);
      expect(exportsDefaultFunction).toBe(true);
    });

    it('runs its init code without sending requests and sets thresholds on failed requests and p(99) latency', () => {
      const { options, main } = evaluateInit(source);
      expect(typeof main).toBe('function');
      const thresholds = options.thresholds as Record<string, string[]>;
      expect(thresholds.http_req_failed).toEqual([expect.stringMatching(/^rate\s*</)]);
      const latency = Object.entries(thresholds).filter(([metric]) =>
        metric.startsWith('http_req_duration'),
      );
      expect(latency.flatMap(([, rules]) => rules)).toContainEqual(
        expect.stringMatching(/^p\(99\)\s*</),
      );
    });

    it('requests only API paths that a route handler answers, with a method the route exports', () => {
      const { requests } = factsOf(source);
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.some((r) => r.method)).toBe(true);
      expect(unansweredRequests(requests, routes)).toEqual([]);
    });
  });
});

describe('the route check', () => {
  const check = (code: string) => unansweredRequests(factsOf(code).requests, routes);

  it('accepts a run-time value in a [param] segment and a query string', () => {
    expect(
      check(
        'http.get(`${BASE}/api/v1/products/${slug}?x=1`); http.get(BASE + "/api/v1/products?page=2");',
      ),
    ).toEqual([]);
  });

  it('rejects a path no route handler answers', () => {
    expect(check('http.get(`${BASE}/api/v1/productz`); const p = "/api/v1/auth/whoami";')).toEqual([
      '/api/v1/productz: no route',
      '/api/v1/auth/whoami: no route',
    ]);
  });

  it('rejects a method the route does not export', () => {
    expect(check('http.del(`${BASE}/api/v1/auth/me`);')).toEqual([
      'DELETE /api/v1/auth/me: route exports no DELETE',
    ]);
  });

  it('does not let a run-time value stand in for a fixed segment', () => {
    expect(check('http.get(`${BASE}/api/v1/${what}/me`);')).toEqual(['/api/v1/{*}/me: no route']);
  });
});

/** K6_BIN, or the k6 the project's tools directory ships: ../shared/tools/k6 from the repository. */
const K6_BIN = process.env.K6_BIN || resolve(process.cwd(), '..', 'shared', 'tools', 'k6');

function k6Missing(): string | undefined {
  try {
    accessSync(K6_BIN, constants.X_OK);
    return undefined;
  } catch {
    return `no executable k6 at ${K6_BIN} (set K6_BIN)`;
  }
}

/**
 * `k6 inspect --execution-requirements`: compiles the whole script (function bodies included),
 * runs its init code and validates the options it comes to, thresholds included. Exit 0 or not.
 */
function k6Inspect(
  file: string,
  env: Record<string, string> = {},
): { status: number | null; output: string } {
  const args = ['inspect', '--execution-requirements', '--no-color'];
  for (const [name, value] of Object.entries(env)) args.push('-e', `${name}=${value}`);
  const run = spawnSync(K6_BIN, [...args, file], { encoding: 'utf8', timeout: 30_000 });
  return {
    status: run.status,
    output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`,
  };
}

/** Every knob that changes options, set at once: the iteration-bound auth run and the optional thresholds. */
const ALL_KNOBS = {
  VUS: '2',
  ITERATIONS: '1',
  MAX_DURATION: '30s',
  RAMP: '1s',
  HOLD: '1s',
  RAMP_DOWN: '1s',
  P99_MS: '1000',
  MAX_REFUSED: '0.05',
  BUYERS: '2',
  EXPECT_ORDERS: '2',
  SETUP_TIMEOUT: '30s',
};

describe('the k6 binary', () => {
  const missing = k6Missing();

  it('is there to check the scripts with (K6_BIN, or ../shared/tools/k6)', () => {
    expect(missing).toBeUndefined();
  });

  it('rejects a script with a syntax error inside a function, so a pass below means something', () => {
    if (missing) throw new Error(missing);
    const dir = mkdtempSync(join(tmpdir(), 'k6-inspect-'));
    try {
      const file = join(dir, 'broken.js');
      writeFileSync(
        file,
        "import http from 'k6/http';\nexport default function () {\n  return http.get(;\n}\n",
      );
      expect(k6Inspect(file).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(scripts)('accepts k6/%s with its defaults and with every option knob set', (script) => {
    if (missing) throw new Error(missing);
    for (const env of [{}, ALL_KNOBS]) {
      const { status, output } = k6Inspect(join(K6_DIR, script), env);
      expect(status, `k6 inspect ${script} ${JSON.stringify(env)}:\n${output.slice(-2000)}`).toBe(
        0,
      );
      expect(JSON.parse(output).scenarios).toBeTypeOf('object');
    }
  });
});
