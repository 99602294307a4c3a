/*
 * The fuzzer's list of operations: every (path, method) of the OpenAPI document joined with the
 * route module that serves it (app/<path with {x} as [x]>/route.ts), plus every exported handler
 * the document does not mention. Pure: the caller lists the route files and their exports.
 */

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export type OpenApiParameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
};
export type OpenApiOperation = {
  parameters?: OpenApiParameter[];
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: Record<string, unknown> }>;
  };
  security?: unknown[];
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Record<string, unknown>> };
};

export type Operation = {
  /** OpenAPI path template, e.g. /api/v1/orders/{id}/cancel */
  path: string;
  method: string;
  /** Route module relative to the project root, e.g. app/api/v1/orders/[id]/cancel/route.ts */
  file: string;
  /** Absent for a handler the document does not describe (it is fuzzed with generic input). */
  spec?: OpenApiOperation;
  pathParams: string[];
};

export type Coverage = {
  operations: Operation[];
  /** Documented operations no route module exports: they would answer 404/405 in a real server. */
  documentedWithoutHandler: string[];
  /** Exported handlers missing from the document (still fuzzed, with generic input). */
  undocumented: string[];
};

export const fileOfPath = (path: string) => `app${path.replace(/\{([^}]+)\}/g, '[$1]')}/route.ts`;
export const pathOfFile = (file: string) =>
  file
    .replace(/^app/, '')
    .replace(/\/route\.ts$/, '')
    .replace(/\[([^\]]+)\]/g, '{$1}');

/** `routeFiles` maps each route module (relative path) to the HTTP methods it exports. */
export function operationsOf(doc: OpenApiDocument, routeFiles: Map<string, string[]>): Coverage {
  const operations: Operation[] = [];
  const documentedWithoutHandler: string[] = [];
  const undocumented: string[] = [];
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const file = fileOfPath(path);
    const exported = routeFiles.get(file) ?? [];
    const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
    for (const [m, raw] of Object.entries(item)) {
      const method = m.toUpperCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
      if (!exported.includes(method)) {
        documentedWithoutHandler.push(`${method} ${path}`);
        continue;
      }
      const spec = raw as OpenApiOperation;
      const parameters = [...shared, ...(spec.parameters ?? [])];
      operations.push({
        path,
        method,
        file,
        spec: { ...spec, parameters },
        pathParams: paramsOf(path),
      });
      seen.add(`${method} ${file}`);
    }
  }
  for (const [file, methods] of [...routeFiles].sort(([a], [b]) => a.localeCompare(b))) {
    for (const method of methods) {
      if (seen.has(`${method} ${file}`)) continue;
      const path = pathOfFile(file);
      undocumented.push(`${method} ${path}`);
      operations.push({ path, method, file, pathParams: paramsOf(path) });
    }
  }
  operations.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  return { operations, documentedWithoutHandler, undocumented };
}

function paramsOf(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Admin routes answer 401/403 to anyone who is not a signed-in admin. */
export const isAdminPath = (path: string) => path.startsWith('/api/v1/admin/');
