import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

export const metadata: Metadata = { title: 'No access', robots: { index: false } };

/** Where signed-in visitors land when a page needs a role they do not have. */
export default function ForbiddenPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          You don’t have access to this page
        </CardTitle>
        <CardDescription>
          This area is for shop administrators. If you think that is a mistake, contact the shop.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex gap-3">
        <Button asChild>
          <Link href="/">Back to the shop</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/account">Your account</Link>
        </Button>
      </CardContent>
    </Card>
  );
}
