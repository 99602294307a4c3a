'use client';

import { useActionState, useState, type FormEvent } from 'react';
import { TextareaField } from '@/components/admin/fields';
import { ActionForm } from '@/components/auth/action-form';
import { Field } from '@/components/auth/field';
import { SubmitButton } from '@/components/auth/submit-button';
import { Alert, AlertDescription } from '@/components/ui/alert';
import type { ActionState } from '@/lib/actions/validated';
import type { ImportReport } from '@/lib/vault/import';

type ImportAction = (
  state: ActionState<ImportReport>,
  formData: FormData,
) => Promise<ActionState<ImportReport>>;

// Server actions take at most 1 MB with the form's framing; the JSON API takes a full 1 MB file.
const MAX_FORM_BYTES = 950 * 1024;
/** A report names every line, but a page of thousands helps nobody: the first ones, then a count. */
const LISTED = 100;

const initial: ActionState<ImportReport> = { ok: false };

export function KeyImportForm({ action, editionId }: { action: ImportAction; editionId: string }) {
  const [state, formAction, pending] = useActionState(action, initial);
  const [tooLarge, setTooLarge] = useState(false);
  const keep = state.ok ? undefined : state.values;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const data = new FormData(event.currentTarget);
    const file = data.get('file');
    const size = (file instanceof File ? file.size : 0) + String(data.get('keys') ?? '').length;
    setTooLarge(size > MAX_FORM_BYTES);
    if (size > MAX_FORM_BYTES) event.preventDefault();
  }

  return (
    <div className="grid gap-6">
      <ActionForm
        state={state}
        action={formAction}
        onSubmit={onSubmit}
        aria-label="Import keys"
        className="grid gap-4"
      >
        {tooLarge ? (
          <Alert variant="destructive">
            <AlertDescription>
              That is more than this form takes (about 950 KB). Split the file, or send it to POST
              /api/v1/admin/editions/{editionId}/keys, which takes up to 1 MB.
            </AlertDescription>
          </Alert>
        ) : null}
        <input type="hidden" name="id" value={editionId} />
        <TextareaField
          name="keys"
          label="Paste keys"
          hint="One key a line; blank lines are ignored. Keys are 5–100 letters, digits or “-”."
          rows={8}
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
          defaultValue={keep?.keys}
          errors={state.fields?.keys}
        />
        <Field
          name="file"
          label="Or upload a file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          hint="A CSV with a “key” column (or a single column), or a text file with one key a line. Up to 10,000 keys."
          errors={state.fields?.file}
        />
        <div>
          <SubmitButton pending={pending} pendingLabel="Importing…">
            Import keys
          </SubmitButton>
        </div>
      </ActionForm>
      {state.ok && state.data ? <ImportReportView report={state.data} /> : null}
    </div>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="import-report" className="grid gap-3 text-sm">
      <h3 id="import-report" className="text-base font-semibold">
        Import report
      </h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>Imported</dt>
        <dd className="tabular-nums">{report.imported}</dd>
        <dt>Served to waiting buyers</dt>
        <dd className="tabular-nums">{report.servedOwed}</dd>
        <dt>Duplicates skipped</dt>
        <dd className="tabular-nums">{report.duplicates.length}</dd>
        <dt>Malformed lines</dt>
        <dd className="tabular-nums">{report.malformed.length}</dd>
        <dt>Available now</dt>
        <dd className="tabular-nums">{report.available}</dd>
      </dl>
      {report.duplicates.length ? (
        <div className="grid gap-1">
          <h4 className="font-medium">Duplicates (already in the vault, or earlier in the file)</h4>
          <p className="text-muted-foreground">
            {report.duplicates.length > LISTED ? `First ${LISTED} lines: ` : 'Lines: '}
            {report.duplicates
              .slice(0, LISTED)
              .map((d) => d.line)
              .join(', ')}
          </p>
        </div>
      ) : null}
      {report.malformed.length ? (
        <div className="grid gap-1">
          <h4 className="font-medium">Malformed lines</h4>
          <ul className="grid gap-0.5">
            {report.malformed.slice(0, LISTED).map((m) => (
              <li key={m.line}>
                Line {m.line}: {m.reason}
              </li>
            ))}
          </ul>
          {report.malformed.length > LISTED ? (
            <p className="text-muted-foreground">and {report.malformed.length - LISTED} more.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
