import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

export const metadata: Metadata = { title: 'No access', robots: { index: false } };

/** What `forbidden()` renders, answered with a 403: the page needs a role the visitor lacks. */
export default function Forbidden() {
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-6 px-4 py-12 sm:py-16">
      <AuthCard
        title="You don’t have access to this page"
        description="This area is for shop administrators. If you think that is a mistake, contact the shop."
        contentClassName="flex gap-3"
      >
        <Button asChild>
          <Link href="/">Back to the shop</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/account">Your account</Link>
        </Button>
      </AuthCard>
    </div>
  );
}
