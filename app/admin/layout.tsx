import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { requirePageAdmin } from '@/lib/auth';

/**
 * Every admin page also checks on its own (layouts are not re-rendered on client navigation);
 * this guard keeps anything in the shell from rendering for the wrong visitor.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageAdmin('/admin');
  return (
    <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 py-8">
      <AdminNav />
      {children}
    </div>
  );
}
