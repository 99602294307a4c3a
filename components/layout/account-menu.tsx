'use client';

import Link from 'next/link';
import { ChevronDown, LayoutDashboard, LogOut, Receipt, UserRound, Library } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Skeleton } from '@/components/ui/skeleton';
import { useCurrentUser, useSignOut } from './use-session';

/** Sign-in links for guests, a menu for signed-in shoppers; the session is read in the browser. */
export function AccountMenu({ className }: { className?: string }) {
  const { user, isPending } = useCurrentUser();
  const { signOut, isSigningOut } = useSignOut();

  if (isPending) {
    // Same footprint as the guest links, so the header does not shift when the session loads.
    return <Skeleton className={cn('h-9 w-40', className)} />;
  }

  if (!user) {
    return (
      <div className={cn('items-center gap-2', className)}>
        <Button asChild variant="ghost" size="sm" className="h-9">
          <Link href="/login">Sign in</Link>
        </Button>
        <Button asChild size="sm" className="h-9">
          <Link href="/register">Register</Link>
        </Button>
      </div>
    );
  }

  return (
    <div className={cn('items-center', className)}>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="sm"
            className="h-9 max-w-52"
            data-testid="account-menu-trigger"
          >
            <UserRound aria-hidden="true" />
            <span className="sr-only">Account menu for </span>
            <span className="truncate">{user.name}</span>
            <ChevronDown aria-hidden="true" className="text-muted-foreground" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-56">
          <DropdownMenuLabel className="flex flex-col gap-0.5">
            <span className="truncate">{user.name}</span>
            <span className="truncate text-xs font-normal text-muted-foreground">{user.email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/account">
              <UserRound aria-hidden="true" />
              Account
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/library">
              <Library aria-hidden="true" />
              Library
            </Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/orders">
              <Receipt aria-hidden="true" />
              Orders
            </Link>
          </DropdownMenuItem>
          {user.role === 'admin' && (
            <DropdownMenuItem asChild>
              <Link href="/admin">
                <LayoutDashboard aria-hidden="true" />
                Admin
              </Link>
            </DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem disabled={isSigningOut} onSelect={signOut}>
            <LogOut aria-hidden="true" />
            {isSigningOut ? 'Signing out…' : 'Sign out'}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
