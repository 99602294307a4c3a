'use client';

import { useEffect } from 'react';
import './globals.css';

/**
 * Replaces the root layout when it fails, so it brings its own document and styles and relies on
 * nothing the layout provides (no header, no query client, no client router links).
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center bg-background p-6 text-foreground">
        <title>Something went wrong · Arcade</title>
        <main className="max-w-md text-center">
          <h1 className="text-3xl font-extrabold tracking-tight">Something went wrong</h1>
          <p className="mt-4 text-muted-foreground">
            Arcade hit an unexpected problem. Please try again; if it keeps happening, come back in
            a few minutes.
          </p>
          <div className="mt-8 flex flex-wrap justify-center gap-3">
            <button
              type="button"
              onClick={() => retry()}
              className="inline-flex h-10 items-center rounded-md bg-primary px-4 text-sm font-semibold text-primary-foreground hover:bg-primary-hover"
            >
              Try again
            </button>
            {/* A full page load on purpose: the client router may be what broke. */}
            <a
              href="/"
              className="inline-flex h-10 items-center rounded-md border border-input px-4 text-sm font-semibold hover:bg-accent"
            >
              Go to the home page
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
