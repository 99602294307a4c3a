'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';

const ITEMS = [
  { href: '/admin', label: 'Dashboard', exact: true },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/categories', label: 'Categories' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/audit', label: 'Audit log' },
] as const;

/** The admin area's sections; the current one is marked for assistive technology too. */
export function AdminNav() {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Admin" className="border-b">
      <ul className="flex flex-wrap gap-1 pb-2">
        {ITEMS.map((item) => {
          const active =
            'exact' in item
              ? pathname === item.href
              : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-flex h-9 items-center rounded-md px-3 text-sm font-medium transition-colors hover:bg-accent',
                  active ? 'bg-secondary text-foreground' : 'text-muted-foreground',
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
