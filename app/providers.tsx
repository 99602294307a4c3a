'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { z } from 'zod';

// zod probes whether `new Function` works to speed up parsing; the CSP forbids eval, so the probe
// would be reported as a violation. Parsing without it is fast enough for forms.
z.config({ jitless: true });

/** Pages where the session changes without a request from this client's queries. */
const AUTH_PATHS = ['/login', '/register', '/logout', '/forgot-password', '/reset-password'];

/**
 * Signing in or up happens in server actions that redirect, which the session query cannot see;
 * leaving an auth page is the moment the header's account and (merged) cart go stale.
 */
function SessionSync() {
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const previous = useRef(pathname);

  useEffect(() => {
    const left = previous.current;
    previous.current = pathname;
    if (left !== pathname && AUTH_PATHS.some((p) => left === p || left.startsWith(`${p}/`))) {
      void queryClient.invalidateQueries({ queryKey: ['auth'] });
      void queryClient.invalidateQueries({ queryKey: ['cart'] });
    }
  }, [pathname, queryClient]);

  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so it survives re-renders but not page reloads.
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 30_000, refetchOnWindowFocus: true },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SessionSync />
      {children}
    </QueryClientProvider>
  );
}
