import { PageLinks } from '@/components/ui/pagination';
import { listingHref, type Paged } from '@/lib/admin';

/** Page links that keep the listing's filters, so paging never drops what the admin chose. */
export function ListingPages({
  path,
  filters = {},
  page,
}: {
  path: string;
  filters?: Record<string, unknown>;
  page: Pick<Paged<unknown>, 'page' | 'pageCount'>;
}) {
  return (
    <PageLinks
      page={page.page}
      totalPages={page.pageCount}
      hrefFor={(n) => listingHref(path, filters, { page: n })}
    />
  );
}
