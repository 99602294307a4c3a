import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function ProductNotFound() {
  return (
    <div className="container-shop flex flex-col items-center py-20 text-center sm:py-28">
      <h1 className="text-3xl font-extrabold tracking-tight">We could not find that game</h1>
      <p className="mt-4 max-w-md text-muted-foreground">
        It may have been taken off sale, or the link is mistyped. The rest of the catalog is one
        click away.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-3">
        <Button asChild>
          <Link href="/products">Browse games</Link>
        </Button>
        <Button asChild variant="outline">
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
    </div>
  );
}
