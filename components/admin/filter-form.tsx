import type { ReactNode } from 'react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

/** A GET form: filters live in the URL, so a filtered listing can be bookmarked and shared. */
export function FilterForm({
  action,
  label,
  children,
}: {
  action: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      aria-label={label}
      className="grid items-end gap-3 rounded-lg border bg-card p-4 sm:grid-cols-2 lg:grid-cols-5"
    >
      {children}
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        <Button asChild variant="ghost">
          <Link href={action}>Reset</Link>
        </Button>
      </div>
    </form>
  );
}
