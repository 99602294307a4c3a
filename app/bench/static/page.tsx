import type { Metadata } from 'next';

export const dynamic = 'force-static';

export const metadata: Metadata = { title: 'Static reference', robots: { index: false } };

const cards = Array.from({ length: 10 }, (_, i) => i + 1);

/**
 * The yardstick of `npm run bench`: a prerendered page about the size of the /products shell,
 * so their throughput can be compared on the same machine and run.
 */
export default function StaticReferencePage() {
  return (
    <div className="container-shop flex flex-col gap-6 py-8 sm:py-10">
      <div>
        <h1 className="text-2xl font-extrabold tracking-tight sm:text-3xl">Static reference</h1>
        <p className="mt-1 text-muted-foreground">
          A fixed grid of placeholders, prerendered at build time.
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[15rem_1fr] lg:gap-8">
        <div className="hidden flex-col gap-5 lg:flex" aria-hidden="true">
          {[1, 2, 3].map((i) => (
            <div key={i} className="flex flex-col gap-2">
              <div className="h-4 w-20 animate-pulse rounded-md bg-muted" />
              <div className="h-10 w-full animate-pulse rounded-md bg-muted" />
            </div>
          ))}
        </div>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4 xl:grid-cols-5">
          {cards.map((n) => (
            <li key={n} className="flex w-full flex-col overflow-hidden rounded-lg border bg-card">
              <div className="aspect-[3/4] w-full animate-pulse bg-muted" />
              <div className="flex flex-col gap-2 p-3">
                <p className="text-sm font-semibold">Placeholder game {n}</p>
                <p className="text-xs text-muted-foreground">PC · PlayStation 5</p>
                <p className="text-base font-bold">$19.99</p>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
