import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { Button } from '@/components/ui/button';

export const metadata: Metadata = { title: 'No access', robots: { index: false } };

/** Where signed-in visitors land when a page needs a role they do not have. */
export default function ForbiddenPage() {
  return (
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
  );
}
