'use client';

import { useEffect } from 'react';
import Link from 'next/link';
import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button';

type ErrorPageProps = {
  error: unknown;
  /** Re-fetches and re-renders the failed segment (Next 16's replacement for `reset`). */
  retry: () => void;
};

/** The server's log line for this failure carries the same digest, so support can find it. */
function digestOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'digest' in error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === 'string' ? digest : undefined;
  }
  return undefined;
}

export default function ErrorPage({ error, retry }: ErrorPageProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = digestOf(error);
  return (
    <div
      role="alert"
      className="container-shop flex flex-col items-center py-20 text-center sm:py-28"
    >
      <h1 className="text-3xl font-extrabold tracking-tight sm:text-4xl">Something went wrong</h1>
      <p className="mt-4 max-w-md text-muted-foreground">
        We could not load this page. It is probably temporary: try again in a moment.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Button onClick={() => retry()}>
          <RotateCcw aria-hidden="true" />
          Try again
        </Button>
        <Button asChild variant="outline">
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
      {digest && (
        <p className="mt-6 font-mono text-xs text-muted-foreground">Reference: {digest}</p>
      )}
    </div>
  );
}
