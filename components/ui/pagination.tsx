import type { ComponentProps } from 'react';
import Link from 'next/link';
import { ChevronLeft, ChevronRight, Ellipsis } from 'lucide-react';
import { buttonVariants } from './button';
import { cn } from './cn';

export function Pagination({ className, ...props }: ComponentProps<'nav'>) {
  return (
    <nav
      aria-label="Pagination"
      className={cn('mx-auto flex w-full justify-center', className)}
      {...props}
    />
  );
}

export function PaginationList({ className, ...props }: ComponentProps<'ul'>) {
  return <ul className={cn('flex flex-wrap items-center gap-1', className)} {...props} />;
}

export function PaginationItem(props: ComponentProps<'li'>) {
  return <li {...props} />;
}

type PaginationLinkProps = ComponentProps<typeof Link> & { isActive?: boolean };

export function PaginationLink({ className, isActive, ...props }: PaginationLinkProps) {
  return (
    <Link
      aria-current={isActive ? 'page' : undefined}
      className={cn(
        buttonVariants({ variant: isActive ? 'outline' : 'ghost', size: 'icon' }),
        isActive && 'border-primary text-primary',
        className,
      )}
      {...props}
    />
  );
}

/** Prev/next stay in the layout when unavailable, so the controls do not jump between pages. */
function EdgeLink({ href, direction }: { href?: string; direction: 'previous' | 'next' }) {
  const label = direction === 'previous' ? 'Previous' : 'Next';
  const Icon = direction === 'previous' ? ChevronLeft : ChevronRight;
  const content = (
    <>
      {direction === 'previous' && <Icon aria-hidden="true" />}
      <span className="hidden sm:inline">{label}</span>
      {direction === 'next' && <Icon aria-hidden="true" />}
    </>
  );
  const classes = cn(buttonVariants({ variant: 'ghost' }), 'px-2.5 sm:px-3');
  if (!href) {
    return (
      <span aria-hidden="true" className={cn(classes, 'opacity-50')}>
        {content}
      </span>
    );
  }
  return (
    <Link
      href={href}
      aria-label={`${label} page`}
      rel={direction === 'previous' ? 'prev' : 'next'}
      className={classes}
    >
      {content}
    </Link>
  );
}

export function PaginationPrevious({ href }: { href?: string }) {
  return <EdgeLink href={href} direction="previous" />;
}

export function PaginationNext({ href }: { href?: string }) {
  return <EdgeLink href={href} direction="next" />;
}

export function PaginationEllipsis({ className, ...props }: ComponentProps<'span'>) {
  return (
    <span
      aria-hidden="true"
      className={cn('flex size-10 items-center justify-center text-muted-foreground', className)}
      {...props}
    >
      <Ellipsis className="size-4" />
    </span>
  );
}

/**
 * The page numbers to show: first, last, and `siblings` either side of the current page, with
 * 'gap' where numbers are skipped. Pages are 1-based.
 */
export function pageWindow(page: number, totalPages: number, siblings = 1): (number | 'gap')[] {
  if (totalPages < 1) return [];
  const shown = new Set([1, totalPages]);
  for (let p = page - siblings; p <= page + siblings; p++) {
    if (p >= 1 && p <= totalPages) shown.add(p);
  }
  const sorted = [...shown].sort((a, b) => a - b);
  const pages: (number | 'gap')[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    // A gap hiding a single page costs as much room as the page itself, so show the page.
    if (prev !== undefined && p - prev === 2) pages.push(prev + 1);
    else if (prev !== undefined && p - prev > 2) pages.push('gap');
    pages.push(p);
  });
  return pages;
}

type PageLinksProps = {
  page: number;
  totalPages: number;
  /** Builds the URL of a page, keeping whatever filters the listing carries. */
  hrefFor: (page: number) => string;
  className?: string;
};

/** Complete prev / numbers / next pagination for listings addressed by `?page=`. */
export function PageLinks({ page, totalPages, hrefFor, className }: PageLinksProps) {
  if (totalPages <= 1) return null;
  return (
    <Pagination className={className}>
      <PaginationList>
        <PaginationItem>
          <PaginationPrevious href={page > 1 ? hrefFor(page - 1) : undefined} />
        </PaginationItem>
        {pageWindow(page, totalPages).map((p, i) =>
          p === 'gap' ? (
            <PaginationItem key={`gap-${i}`}>
              <PaginationEllipsis />
            </PaginationItem>
          ) : (
            <PaginationItem key={p}>
              <PaginationLink href={hrefFor(p)} isActive={p === page} aria-label={`Page ${p}`}>
                {p}
              </PaginationLink>
            </PaginationItem>
          ),
        )}
        <PaginationItem>
          <PaginationNext href={page < totalPages ? hrefFor(page + 1) : undefined} />
        </PaginationItem>
      </PaginationList>
    </Pagination>
  );
}
