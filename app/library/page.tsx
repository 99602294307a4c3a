import type { Metadata } from 'next';
import Link from 'next/link';
import { LibraryItemCard } from '@/components/library/library-item';
import { Button } from '@/components/ui/button';
import { requirePageUser } from '@/lib/auth';
import { listLibrary } from '@/lib/library';

export const metadata: Metadata = { title: 'Your library' };

export default async function LibraryPage() {
  const user = await requirePageUser('/library');
  const items = await listLibrary(user.id);
  return (
    <div className="container-shop py-8 sm:py-12">
      <h1 className="mb-2 text-3xl font-extrabold tracking-tight">Your library</h1>
      <p className="mb-6 text-sm text-muted-foreground">
        Every game you own: reveal a key to activate it on its platform, or download a DRM-free
        build.
      </p>
      {items.length === 0 ? (
        <div className="flex flex-col items-start gap-4">
          <p>Your library is empty. Games you buy (or are given) appear here once paid.</p>
          <Button asChild>
            <Link href="/products">Browse games</Link>
          </Button>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="library-list">
          {items.map((item) => (
            <LibraryItemCard key={item.id} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}
