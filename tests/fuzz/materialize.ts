import { createHmac } from 'node:crypto';
import type { BodySpec, FilePart } from './bodies';
import type { Case, Persona } from './cases';
import { headerSafe, HUGE_CHARS, type Slot } from './hostile';
import type { Operation } from './operations';

/*
 * Turns an abstract case into a concrete request: expands tokens, signs webhook bodies, builds
 * multipart forms, and describes the request in a form someone can replay. Pure (node:crypto only).
 */

export type Known = Partial<Record<Slot, string[]>>;
export type SendContext = {
  origin: string;
  known: Known;
  /** `name=value` session cookie of each signed-in persona. */
  cookies: Partial<Record<Persona, string>>;
  cookieName: string;
  webhookSecret?: string;
};

export type Materialized = {
  method: string;
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer> | FormData;
  /** Replayable description: method, url, headers, body prefix. */
  describe: () => string;
};

const MISSING = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function knownValue(known: Known, slot: string, index: number): string {
  const list = known[slot as Slot];
  return list?.length ? list[index % list.length]! : MISSING(index);
}

function deepText(n: number): string {
  return n % 2 ? '{"a":'.repeat(n) + '1' + '}'.repeat(n) : '['.repeat(n) + ']'.repeat(n);
}

/** Expands tokens; in `json` mode the text is JSON and replacements keep it JSON where they can. */
export function expand(text: string, known: Known, mode: 'json' | 'raw'): string {
  let out = text;
  if (mode === 'json') {
    out = out.replace(/"\{\{deep:(\d+)\}\}"/g, (_, n: string) => deepText(Number(n)));
    out = out.replace(/"\{\{now\}\}"/g, () => String(Math.floor(Date.now() / 1000)));
    out = out.replace(
      /"\{\{many:(\d+)\}\}"/g,
      (_, n: string) => `[${Array<string>(Number(n)).fill('"A"').join(',')}]`,
    );
  }
  return out.replace(
    /\{\{(huge|known|deep|now|many):?([^}]*)\}\}/g,
    (token, kind: string, args: string) => {
      const [a = '', b = ''] = args.split(':');
      if (kind === 'known') return knownValue(known, a, Number(b));
      if (kind === 'many') return Array<string>(Number(a)).fill('A').join(',');
      if (kind === 'deep') return deepText(Number(a));
      if (kind === 'now') return String(Math.floor(Date.now() / 1000));
      const ch = HUGE_CHARS[Number(b)] ?? 'a';
      return (mode === 'json' ? JSON.stringify(ch).slice(1, -1) : ch).repeat(Number(a));
    },
  );
}

/** Percent-encodes a path segment; lone surrogates become U+FFFD as a browser would send them. */
export function segment(value: string): string {
  return encodeURIComponent(
    value.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    ),
  );
}

function cookieFor(c: Case, ctx: SendContext): string | undefined {
  const session = c.persona === 'anon' ? undefined : ctx.cookies[c.persona];
  switch (c.cookieMode) {
    case 'as-is':
      return session;
    case 'truncated':
      return session ? session.slice(0, -12) : `${ctx.cookieName}=eyJhbGciOiJkaXIifQ..x.y.z`;
    case 'junk':
      return `${session ?? `${ctx.cookieName}=junk`}; ${ctx.cookieName}=%E0%A4%A; arcade_cart=../../x; a=${'b'.repeat(3_000)}`;
    case 'renamed':
      return session ? `x${session}` : `__Secure-${ctx.cookieName}=forged`;
  }
}

const MAGIC: Record<FilePart['kind'], number[]> = {
  png: [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
  ],
  jpeg: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0],
  webp: [0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20],
  svg: [...Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
  bytes: [0xde, 0xad, 0xbe, 0xef],
  empty: [],
};

function fileBytes(part: FilePart): Uint8Array<ArrayBuffer> {
  const magic = MAGIC[part.kind];
  const bytes = new Uint8Array(part.kind === 'empty' ? 0 : Math.max(part.size, magic.length));
  bytes.set(magic);
  return bytes;
}

type Built = { body?: Materialized['body']; type?: string; preview: string };

function buildBody(body: BodySpec, known: Known): Built {
  switch (body.kind) {
    case 'none':
      return { preview: '(none)' };
    case 'json': {
      const text = expand(JSON.stringify(body.value) ?? 'null', known, 'json');
      return { body: text, type: 'application/json', preview: text };
    }
    case 'text': {
      const text = expand(body.text, known, 'raw');
      return { body: text, type: 'text/plain', preview: text };
    }
    case 'bytes': {
      const bytes = new Uint8Array(body.size).fill(body.fill);
      return {
        body: bytes,
        type: 'application/octet-stream',
        preview: `<${body.size} bytes of 0x${body.fill.toString(16)}>`,
      };
    }
    case 'oversized':
      return body.shape === 'raw'
        ? {
            body: new Uint8Array(body.size).fill(0x41),
            type: 'application/octet-stream',
            preview: `<${body.size} bytes of "A">`,
          }
        : {
            body: `{"x":"${'a'.repeat(body.size)}"}`,
            type: 'application/json',
            preview: `{"x":"<${body.size} × a>"}`,
          };
    case 'multipart': {
      const form = new FormData();
      for (const [k, v] of body.fields)
        form.append(expand(k, known, 'raw'), expand(v, known, 'raw'));
      for (const f of body.files)
        form.append(
          expand(f.name, known, 'raw'),
          new Blob([fileBytes(f)], { type: f.type }),
          expand(f.filename, known, 'raw'),
        );
      const preview = `multipart: fields ${JSON.stringify(body.fields).slice(0, 200)}; files ${JSON.stringify(body.files.map((f) => ({ ...f, filename: f.filename.slice(0, 40) })))}`;
      return { body: form, preview };
    }
  }
}

function sign(header: string, body: Built, secret: string | undefined): string {
  const match = /^\{\{sign(?::(stale|future))?\}\}$/.exec(header);
  if (!match) return header;
  const now = Math.floor(Date.now() / 1000);
  const t = match[1] === 'stale' ? now - 3_600 : match[1] === 'future' ? now + 3_600 : now;
  const payload = typeof body.body === 'string' ? body.body : '';
  return `t=${t},v1=${createHmac('sha256', secret ?? '')
    .update(`${t}.${payload}`)
    .digest('hex')}`;
}

const preview = (text: string, max = 400) =>
  text.length > max
    ? `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)`
    : JSON.stringify(text);

export function materialize(op: Operation, c: Case, ctx: SendContext): Materialized {
  const params: Record<string, string> = {};
  let path = op.path;
  for (const [name, raw] of Object.entries(c.params)) {
    const value = expand(raw, ctx.known, 'raw');
    params[name] = value;
    path = path.replace(`{${name}}`, segment(value));
  }
  const search = new URLSearchParams(
    c.query.map(([k, v]) => [expand(k, ctx.known, 'raw'), expand(v, ctx.known, 'raw')]),
  );
  const qs = [search.toString(), c.rawQuery].filter(Boolean).join('&');
  const url = `${ctx.origin}${path}${qs ? `?${qs}` : ''}`;

  const canHaveBody = op.method !== 'GET' && op.method !== 'HEAD';
  const built = canHaveBody ? buildBody(c.body, ctx.known) : { preview: '(none)' };
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers))
    headers[k] = headerSafe(
      k === 'arcade-signature' ? sign(v, built, ctx.webhookSecret) : expand(v, ctx.known, 'raw'),
    );
  if (headers.origin === 'http://localhost:3000') headers.origin = ctx.origin;
  const type = c.contentType === undefined ? built.type : c.contentType;
  if (type !== undefined && type !== null && built.body !== undefined)
    headers['content-type'] = headerSafe(type);
  const cookie = cookieFor(c, ctx);
  if (cookie) headers.cookie = cookie;

  return {
    method: op.method,
    url,
    params,
    headers,
    body: built.body,
    describe: () =>
      [
        `${op.method} ${url.length > 600 ? `${url.slice(0, 600)}… (${url.length} chars)` : url}`,
        `  as: ${c.persona} (cookie ${c.cookieMode}); route params: ${preview(JSON.stringify(params), 300)}`,
        `  headers: ${preview(JSON.stringify({ ...headers, cookie: headers.cookie ? `${headers.cookie.slice(0, 60)}…` : undefined }), 800)}`,
        `  body: ${preview(built.preview)}`,
      ].join('\n'),
  };
}
