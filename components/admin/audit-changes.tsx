import type { AuditEntry } from '@/lib/admin/audit';
import { auditChangeRows } from './audit-format';

/** Who wrote an entry: the admin's email, the shop itself, or an admin whose account is gone. */
export function AuditActor({ entry }: { entry: Pick<AuditEntry, 'actorKind' | 'actorEmail'> }) {
  if (entry.actorKind === 'system') return <span className="font-medium">System</span>;
  if (entry.actorKind === 'deleted' || !entry.actorEmail)
    return <span className="text-muted-foreground">Deleted user</span>;
  return <>{entry.actorEmail}</>;
}

/** An entry's change, a line per field: "Price: $19.99 → $9.49". */
export function AuditChanges({ entry }: { entry: Pick<AuditEntry, 'before' | 'after' | 'names'> }) {
  const rows = auditChangeRows(entry.before, entry.after, entry.names);
  if (!rows.length) return <span className="text-muted-foreground">—</span>;
  return (
    <dl className="grid min-w-56 gap-0.5 text-xs">
      {rows.map((r) => (
        <div key={r.field} className="[overflow-wrap:anywhere]">
          <dt className="inline font-medium">{r.field}: </dt>
          <dd className="inline">
            {r.same || r.before === null ? (
              r.after
            ) : r.after === null ? (
              <span className="text-muted-foreground">was {r.before}</span>
            ) : (
              <>
                <span className="text-muted-foreground">{r.before}</span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only"> changed to </span>
                {r.after}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
