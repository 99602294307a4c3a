import type { ReactNode } from 'react';

/** The sign-in family of pages: one narrow column, nothing to distract from the form. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-12 sm:py-16">
      {children}
    </div>
  );
}
