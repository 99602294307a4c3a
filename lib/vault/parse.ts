import { DomainError, ValidationError } from '@/lib/errors';

/*
 * Reading a batch of keys as suppliers send them: a plain list, one a line, or a CSV export.
 * Nothing here touches the database; line numbers are the file's own, so an admin can find the
 * line in their editor. Keys are never echoed back in a report, only their line.
 */

/** One upload's ceiling: a supplier's batch is a few thousand keys, far under either limit. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_LINES = 10_000;

export type ImportFormat = 'text' | 'csv';
export type ImportLine = { line: number; key: string };
export type MalformedLine = { line: number; reason: string };
export type ParsedImport = { keys: ImportLine[]; malformed: MalformedLine[] };

const KEY_SHAPE = /^[A-Za-z0-9-]+$/;
const MIN_KEY = 5;
const MAX_KEY = 100;

/** `text/plain` or `text/csv` (any charset parameter); anything else is a 415 naming both. */
export function importFormatOf(contentType: string | null | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/plain') return 'text';
  if (type === 'text/csv') return 'csv';
  throw new DomainError(
    'validation',
    415,
    'Send the keys as text/plain (one key a line) or text/csv (a “key” column).',
  );
}

export function tooLargeError(): DomainError {
  return new DomainError(
    'validation',
    413,
    `An import holds at most ${MAX_IMPORT_LINES.toLocaleString('en-US')} lines and 1 MB: split the file.`,
  );
}

/** Why a key is refused, or null when its shape is acceptable. */
export function keyProblem(key: string): string | null {
  if (key.length < MIN_KEY) return `Too short: a key has at least ${MIN_KEY} characters.`;
  if (key.length > MAX_KEY) return `Too long: a key has at most ${MAX_KEY} characters.`;
  if (!KEY_SHAPE.test(key)) return 'Only letters, digits and “-” are allowed in a key.';
  return null;
}

export function parseImport(body: string, format: ImportFormat): ParsedImport {
  const text = body.startsWith('\uFEFF') ? body.slice(1) : body;
  // Counted on the raw text, before any parsing work: the limit protects the parser too. A final
  // line break does not start another line.
  if (text.replace(/(\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/).length > MAX_IMPORT_LINES) {
    throw tooLargeError();
  }
  const values = format === 'csv' ? csvKeyValues(text) : plainKeyValues(text);
  const parsed: ParsedImport = { keys: [], malformed: [] };
  for (const { line, key } of values) {
    const problem = keyProblem(key);
    if (problem) parsed.malformed.push({ line, reason: problem });
    else parsed.keys.push({ line, key });
  }
  return parsed;
}

function plainKeyValues(text: string): ImportLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ line: i + 1, key: raw.trim() }))
    .filter((l) => l.key !== '');
}

function csvKeyValues(text: string): ImportLine[] {
  const records = csvRecords(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  const first = records[0];
  if (!first) return [];
  const header = first.fields.findIndex((f) => f.trim().toLowerCase() === 'key');
  if (header < 0 && first.fields.length > 1) {
    throw new ValidationError(
      'The CSV has several columns and none is named “key”: add a header row with a key column, or send a single column of keys.',
    );
  }
  const column = Math.max(header, 0);
  return (header >= 0 ? records.slice(1) : records).map((r) => ({
    line: r.line,
    key: (r.fields[column] ?? '').trim(),
  }));
}

type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 records: comma-separated, fields optionally in double quotes (which may hold commas,
 * line breaks and doubled quotes). A record is numbered by the line it starts on.
 */
function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = ++line;
      continue;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new ValidationError(`Line ${start}: a quoted field is never closed.`);
  if (field !== '' || fields.length) endRecord();
  return records;
}
