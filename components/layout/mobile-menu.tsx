'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { LogOut, Menu } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Separator } from '@/components/ui/separator';
import { Sheet, SheetClose, SheetContent, SheetTitle, SheetTrigger } from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { accountNavItems, adminNavItem, isActivePath, mainNavItems } from './nav-items';
import { useCurrentUser, useSignOut } from './use-session';

const linkClass =
  'block rounded-md px-3 py-2.5 text-base font-medium text-foreground transition-colors hover:bg-accent aria-[current=page]:bg-accent aria-[current=page]:text-primary';

function SheetLink({ href, label, pathname }: { href: string; label: string; pathname: string }) {
  return (
    <li>
      <SheetClose asChild>
        <Link
          href={href}
          aria-current={isActivePath(pathname, href) ? 'page' : undefined}
          className={linkClass}
        >
          {label}
        </Link>
      </SheetClose>
    </li>
  );
}

function AccountSection({ pathname }: { pathname: string }) {
  const { user, isPending } = useCurrentUser();
  const { signOut, isSigningOut } = useSignOut();

  if (isPending) return <Skeleton className="h-24 w-full" />;
  if (!user) {
    return (
      <div className="flex flex-col gap-2">
        <SheetClose asChild>
          <Button asChild variant="outline">
            <Link href="/login">Sign in</Link>
          </Button>
        </SheetClose>
        <SheetClose asChild>
          <Button asChild>
            <Link href="/register">Register</Link>
          </Button>
        </SheetClose>
      </div>
    );
  }
  const items = user.role === 'admin' ? [...accountNavItems, adminNavItem] : accountNavItems;
  return (
    <div className="flex flex-col gap-2">
      <p className="px-3 text-sm text-muted-foreground">
        Signed in as <span className="font-semibold text-foreground">{user.name}</span>
      </p>
      <ul className="flex flex-col gap-1">
        {items.map((item) => (
          <SheetLink key={item.href} href={item.href} label={item.label} pathname={pathname} />
        ))}
      </ul>
      <SheetClose asChild>
        <Button
          variant="ghost"
          className="justify-start px-3 text-base"
          onClick={signOut}
          disabled={isSigningOut}
        >
          <LogOut aria-hidden="true" />
          {isSigningOut ? 'Signing out…' : 'Sign out'}
        </Button>
      </SheetClose>
    </div>
  );
}

/** Navigation and account links for narrow screens, in a panel that slides in from the left. */
export function MobileMenu({ className }: { className?: string }) {
  const pathname = usePathname();
  return (
    <Sheet>
      <SheetTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          aria-label="Open menu"
          className={cn('-ml-2', className)}
        >
          <Menu className="size-5" aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" aria-describedby={undefined}>
        <SheetTitle>Menu</SheetTitle>
        <nav aria-label="Mobile">
          <ul className="flex flex-col gap-1">
            <SheetLink href="/" label="Home" pathname={pathname} />
            {mainNavItems.map((item) => (
              <SheetLink key={item.href} href={item.href} label={item.label} pathname={pathname} />
            ))}
            <SheetLink href="/cart" label="Cart" pathname={pathname} />
          </ul>
        </nav>
        <Separator />
        <AccountSection pathname={pathname} />
      </SheetContent>
    </Sheet>
  );
}
