'use client';

import { useEffect, useRef, type ComponentProps } from 'react';
import { usePathname } from 'next/navigation';
import { Input } from '@/components/ui/input';

type SearchQueryInputProps = Omit<ComponentProps<typeof Input>, 'defaultValue' | 'value' | 'ref'>;

/**
 * The search box, pre-filled with the query on the results page. It is filled after mounting and
 * only while empty and unfocused, so text typed before the page hydrates is never wiped; reading
 * the URL in an effect also keeps static pages prerenderable.
 */
export function SearchQueryInput(props: SearchQueryInputProps) {
  const ref = useRef<HTMLInputElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    const input = ref.current;
    if (!input || input.value || document.activeElement === input || pathname !== '/search') return;
    input.value = new URLSearchParams(window.location.search).get('q') ?? '';
  }, [pathname]);
  return <Input ref={ref} {...props} />;
}
