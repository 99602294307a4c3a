'use server';

import { z } from 'zod';
import { validatedAction, type ActionState } from '@/lib/actions/validated';
import { ValidationError } from '@/lib/errors';
import { importKeys, type ImportReport } from '@/lib/vault';
import { saved } from './saved';

const importForm = z.object({ id: z.string(), keys: z.string().default('') });

/** Spreadsheets export CSV under many types (Excel on Windows says vnd.ms-excel): trust the name first. */
function uploadTypeOf(file: File): string {
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return 'text/csv';
  if (/\.txt$/i.test(file.name) || file.type === 'text/plain') return 'text/plain';
  throw new ValidationError('Choose a .csv or .txt file.', {
    file: ['Choose a .csv or .txt file.'],
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function outcomeOf(report: ImportReport): string {
  const parts = [
    report.imported
      ? `Imported ${plural(report.imported, 'key')}${report.servedOwed ? ` (${report.servedOwed} went straight to buyers who were waiting)` : ''}.`
      : 'No new keys were imported.',
  ];
  const skipped = [
    report.duplicates.length ? plural(report.duplicates.length, 'duplicate') : null,
    report.malformed.length ? plural(report.malformed.length, 'malformed line') : null,
  ].filter(Boolean);
  if (skipped.length) parts.push(`Skipped ${skipped.join(' and ')}: see the report below.`);
  return parts.join(' ');
}

/** Imports pasted keys (one a line) or an uploaded CSV/text file into a key edition. */
export const importKeysAction = validatedAction(
  importForm,
  async ({ id, keys }, formData, { actor }): Promise<ActionState<ImportReport>> => {
    const file = formData.get('file');
    const upload = file instanceof File && file.size > 0 ? file : null;
    if (upload && keys.trim()) {
      throw new ValidationError('Paste keys or choose a file, not both.', {
        keys: ['Paste keys or choose a file, not both.'],
      });
    }
    if (!upload && !keys.trim()) {
      throw new ValidationError('Paste some keys or choose a file.', {
        keys: ['Paste some keys or choose a file.'],
      });
    }
    const report = await importKeys({
      editionId: id,
      body: upload ? await upload.text() : keys,
      contentType: upload ? uploadTypeOf(upload) : 'text/plain',
      actor,
    });
    return { ...saved(outcomeOf(report)), data: report };
  },
  { auth: 'admin' },
);
