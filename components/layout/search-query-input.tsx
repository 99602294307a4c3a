'use client';

import { Suspense, type ComponentProps } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';
import { Input } from '@/components/ui/input';

type SearchQueryInputProps = Omit<ComponentProps<typeof Input>, 'defaultValue' | 'value'>;

function InputWithCurrentQuery(props: SearchQueryInputProps) {
  const pathname = usePathname();
  const params = useSearchParams();
  const query = pathname === '/search' ? (params.get('q') ?? '') : '';
  // Remounting on a new query refreshes the default value after each search navigation.
  return <Input key={query} defaultValue={query} {...props} />;
}

/**
 * The search box, pre-filled with the query on the results page. Reading search params would
 * opt static pages out of prerendering, so it sits behind Suspense with a plain input as fallback.
 */
export function SearchQueryInput(props: SearchQueryInputProps) {
  return (
    <Suspense fallback={<Input {...props} />}>
      <InputWithCurrentQuery {...props} />
    </Suspense>
  );
}
