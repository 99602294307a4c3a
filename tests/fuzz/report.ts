/*
 * What a fuzz run found, grouped by distinct failure (kind, operation, status, first error line),
 * with a few replayable requests per group. Pure: used by the in-process test and bench/fuzz.ts.
 */

export type Failure = {
  kind: string;
  operation: string;
  status?: number;
  request: string;
  detail: string;
};

const EXAMPLES_PER_GROUP = 3;

export class FailureLog {
  readonly groups = new Map<string, { count: number; examples: Failure[] }>();
  total = 0;

  add(failure: Failure, distinguishedBy: string): void {
    const key = `${failure.kind} ${failure.operation} ${distinguishedBy}`;
    const group = this.groups.get(key) ?? { count: 0, examples: [] };
    group.count++;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push(failure);
    this.groups.set(key, group);
    this.total++;
  }
}

export type RunSummary = {
  requests: number;
  durationMs: number;
  statuses: Record<string, number>;
  /** Successful requests that wrote rows: proof the write check sees writes at all. */
  successfulWrites: number;
  perOperation: Map<string, Record<string, number>>;
  failures: FailureLog;
  backgroundErrors: string[];
};

export function countStatus(summary: RunSummary, label: string, bucket: string, ms: number): void {
  summary.statuses[bucket] = (summary.statuses[bucket] ?? 0) + 1;
  const counts = summary.perOperation.get(label) ?? {};
  counts[bucket] = (counts[bucket] ?? 0) + 1;
  counts.ms = (counts.ms ?? 0) + ms;
  summary.perOperation.set(label, counts);
}

export const firstLine = (s: string) => s.split('\n')[0]!.slice(0, 160);
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A report a person can act on: each distinct failure once, with the requests that cause it. */
export function formatReport(summary: RunSummary): string {
  const { failures } = summary;
  const lines = [
    `${summary.requests} requests to ${summary.perOperation.size} operations in ${(summary.durationMs / 1000).toFixed(1)} s; statuses ${JSON.stringify(summary.statuses)}`,
    `${summary.successfulWrites} successful requests wrote rows (allowed); each refused request was checked for writes`,
    `${failures.groups.size} distinct failures (${failures.total} requests)`,
  ];
  for (const [group, { count, examples }] of failures.groups) {
    lines.push(
      '',
      `■ ${group} — ${count} request(s)`,
      `  ${examples[0]!.detail.split('\n').join('\n  ')}`,
    );
    for (const f of examples.slice(0, 2)) lines.push(`  ${f.request.split('\n').join('\n  ')}`);
  }
  const slowest = [...summary.perOperation]
    .sort(([, a], [, b]) => (b.ms ?? 0) - (a.ms ?? 0))
    .slice(0, 8);
  lines.push(
    '',
    `slowest operations (total ms): ${slowest.map(([label, c]) => `${label} ${Math.round(c.ms ?? 0)}`).join('; ')}`,
  );
  if (summary.backgroundErrors.length) {
    lines.push(
      '',
      `background tasks that failed after a response (${summary.backgroundErrors.length}):`,
      ...summary.backgroundErrors.slice(0, 10),
    );
  }
  return lines.join('\n');
}
