/** The shop's top-level sections, shared by the desktop nav and the mobile menu. */
export const mainNavItems = [
  { href: '/products', label: 'Browse' },
  { href: '/categories', label: 'Categories' },
] as const;

export const accountNavItems = [
  { href: '/account', label: 'Account' },
  { href: '/orders', label: 'Orders' },
] as const;

export const adminNavItem = { href: '/admin', label: 'Admin' } as const;

/** Whether `href` is the current section: a listing stays active on its detail pages. */
export function isActivePath(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
