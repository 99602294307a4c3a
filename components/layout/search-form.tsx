import Form from 'next/form';
import { Search } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { MAX_SEARCH_LENGTH } from '@/lib/catalog/query';
import { SearchCombobox } from '@/components/catalog/search-combobox';

type SearchFormProps = {
  /** Id of the input; must be unique on the page when more than one search form is shown. */
  inputId?: string;
  /** Name of the search landmark; distinct names let screen-reader users tell forms apart. */
  landmarkLabel?: string;
  size?: 'default' | 'lg';
  className?: string;
};

export function SearchForm({
  inputId = 'site-search',
  landmarkLabel = 'Site search',
  size = 'default',
  className,
}: SearchFormProps) {
  return (
    // Results are always rendered per request, so prefetching /search on every page would only add load.
    <Form
      action="/search"
      prefetch={false}
      role="search"
      aria-label={landmarkLabel}
      className={cn('relative', className)}
    >
      <label htmlFor={inputId} className="sr-only">
        Search games
      </label>
      <SearchCombobox
        id={inputId}
        name="q"
        type="search"
        placeholder="Search games…"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={MAX_SEARCH_LENGTH}
        className={cn('pr-11', size === 'lg' && 'h-12 text-base md:text-base')}
      />
      <Button
        type="submit"
        variant="ghost"
        size="icon-sm"
        aria-label="Search"
        className={cn(
          'absolute top-1 right-1 text-muted-foreground',
          size === 'lg' && 'top-2 right-2',
        )}
      >
        <Search aria-hidden="true" />
      </Button>
    </Form>
  );
}
