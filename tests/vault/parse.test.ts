import { describe, expect, it } from 'vitest';
import { DomainError } from '@/lib/errors';
import { importFormatOf, MAX_IMPORT_LINES, parseImport } from '@/lib/vault/parse';

const statusOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return err.status;
    throw err;
  }
  return 'no error';
};

describe('reading an import', () => {
  it('takes text/plain and text/csv with any charset, and refuses other types with a 415', () => {
    expect(importFormatOf('text/plain; charset=utf-8')).toBe('text');
    expect(importFormatOf('TEXT/CSV')).toBe('csv');
    expect(statusOf(() => importFormatOf('application/json'))).toBe(415);
    expect(statusOf(() => importFormatOf(null))).toBe(415);
  });

  it('reads one key a line, ignoring blank lines and numbering lines as the file does', () => {
    const parsed = parseImport('\uFEFFAAAAA-11111\r\n\r\n  BBBBB-22222  \n\nbad-key!\n', 'text');
    expect(parsed.keys).toEqual([
      { line: 1, key: 'AAAAA-11111' },
      { line: 3, key: 'BBBBB-22222' },
    ]);
    expect(parsed.malformed).toEqual([
      { line: 5, reason: expect.stringMatching(/letters, digits/) },
    ]);
  });

  it('says why a line is malformed, without echoing it', () => {
    const parsed = parseImport(
      ['abc', 'A'.repeat(101), 'SPACE IN KEY', 'ÄÖÜÄÖ-12345', 'OK-KEY-1'].join('\n'),
      'text',
    );
    expect(parsed.keys).toEqual([{ line: 5, key: 'OK-KEY-1' }]);
    expect(parsed.malformed.map((m) => m.line)).toEqual([1, 2, 3, 4]);
    expect(parsed.malformed[0]!.reason).toMatch(/at least 5/);
    expect(parsed.malformed[1]!.reason).toMatch(/at most 100/);
    expect(JSON.stringify(parsed.malformed)).not.toMatch(/SPACE IN KEY|ÄÖÜ/);
  });

  it('reads the key column of a CSV with a header, quoted fields included', () => {
    const csv = [
      'batch,Key,note',
      '7,AAAAA-11111,first',
      '7,"BBBBB-22222","a note, with a comma"',
      '',
      '8,"CCCCC-33333","a note',
      'over two lines with ""quotes"""',
      '9,DDDDD-44444,last',
    ].join('\n');
    const parsed = parseImport(csv, 'csv');
    expect(parsed.keys).toEqual([
      { line: 2, key: 'AAAAA-11111' },
      { line: 3, key: 'BBBBB-22222' },
      { line: 5, key: 'CCCCC-33333' },
      { line: 7, key: 'DDDDD-44444' },
    ]);
    expect(parsed.malformed).toEqual([]);
  });

  it('reads a single-column CSV without a header as a list of keys', () => {
    const parsed = parseImport('"AAAAA-11111"\r\nBBBBB-22222\r\n', 'csv');
    expect(parsed.keys.map((k) => k.key)).toEqual(['AAAAA-11111', 'BBBBB-22222']);
  });

  it('reports an empty key cell as malformed', () => {
    const parsed = parseImport('key,batch\n,7\nAAAAA-11111,7', 'csv');
    expect(parsed.malformed).toEqual([{ line: 2, reason: expect.any(String) }]);
    expect(parsed.keys).toEqual([{ line: 3, key: 'AAAAA-11111' }]);
  });

  it('refuses a CSV with several columns and no key column, and an unclosed quote, with a 400', () => {
    expect(statusOf(() => parseImport('code,batch\nAAAAA-11111,7', 'csv'))).toBe(400);
    expect(statusOf(() => parseImport('key\n"AAAAA-11111\n', 'csv'))).toBe(400);
  });

  it(`refuses more than ${MAX_IMPORT_LINES} lines with a 413`, () => {
    const body = Array.from(
      { length: MAX_IMPORT_LINES + 1 },
      (_, i) => `KEY-${String(i).padStart(6, '0')}`,
    ).join('\n');
    expect(statusOf(() => parseImport(body, 'text'))).toBe(413);
    expect(parseImport(`${body.split('\n').slice(1).join('\n')}\n`, 'text').keys).toHaveLength(
      MAX_IMPORT_LINES,
    );
  });
});
