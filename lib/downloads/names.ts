/**
 * File names of builds. One spelling serves as the storage key's last segment, the name in
 * edition_files and the name the buyer's browser saves, so it must be safe for all three: no
 * path separators, no control characters, no quotes, no leading dot.
 */

const MAX_NAME = 100;
const FALLBACK = 'build.bin';

export function safeFileName(raw: string): string {
  // Keep only the last path segment: "C:\\builds\\game.zip" and "../game.zip" are "game.zip".
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-+\./g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '');
  if (!cleaned || !/[A-Za-z0-9]/.test(cleaned)) return FALLBACK;
  if (cleaned.length <= MAX_NAME) return cleaned;
  // Trim the stem, not the extension: "….zip" must stay a zip.
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_NAME - ext.length).replace(/[.-]+$/, '') + ext;
}

/** `attachment` with the safe name, quoted and, for clients that prefer it, RFC 5987-encoded. */
export function contentDisposition(fileName: string): string {
  const name = safeFileName(fileName);
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const TYPES: Record<string, string> = {
  zip: 'application/zip',
  tar: 'application/x-tar',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  '7z': 'application/x-7z-compressed',
  txt: 'text/plain; charset=utf-8',
  exe: 'application/vnd.microsoft.portable-executable',
  msi: 'application/x-msi',
  dmg: 'application/x-apple-diskimage',
  appimage: 'application/vnd.appimage',
  deb: 'application/vnd.debian.binary-package',
};

const MIME =
  /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}(; ?charset=[a-z0-9_-]{1,40})?$/;

/**
 * The Content-Type a build is served with: what the uploader declared when it is a plain media
 * type (it goes into a response header verbatim), else a guess from the extension, else bytes.
 */
export function buildContentType(fileName: string, declared?: string | null): string {
  const type = declared?.trim().toLowerCase();
  if (type && type !== 'application/octet-stream' && MIME.test(type)) return type;
  const ext = fileName.toLowerCase().split('.').at(-1) ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}
