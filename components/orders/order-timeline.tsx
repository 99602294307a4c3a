import { statusLabel } from '@/lib/orders/state-machine';
import type { OrderEventView } from '@/lib/orders/types';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }) + ' UTC';

export function OrderTimeline({ events }: { events: OrderEventView[] }) {
  return (
    <ol className="flex flex-col gap-3 border-l border-border pl-4" data-testid="order-timeline">
      {events.map((e, i) => (
        <li key={i} className="relative">
          <span
            className="absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full bg-primary"
            aria-hidden="true"
          />
          <p className="font-medium">{e.note ?? statusLabel(e.toStatus)}</p>
          <p className="text-xs text-muted-foreground">
            <time dateTime={e.at}>{when(e.at)}</time>
            {e.fromStatus !== e.toStatus && ` · ${statusLabel(e.toStatus)}`}
          </p>
        </li>
      ))}
    </ol>
  );
}
