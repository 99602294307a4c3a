'use client';

import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
} from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import type { SearchSuggestions } from '@/lib/catalog/types';

type SearchComboboxProps = Omit<
  ComponentProps<typeof Input>,
  'defaultValue' | 'value' | 'ref' | 'role' | 'onChange'
> & {
  id: string;
};

type Suggestion = { key: string; label: string; kind: string; href: string };

/**
 * The suggestion highlighted after an arrow key: from the box (-1, or the list closed) Down goes
 * to the first and Up to the last; both wrap around.
 */
export function nextActive(
  current: number,
  count: number,
  down: boolean,
  listOpen: boolean,
): number {
  if (!listOpen || current < 0) return down ? 0 : count - 1;
  return (current + (down ? 1 : count - 1)) % count;
}

/** Typing pauses this long before suggestions are asked for. */
const DEBOUNCE_MS = 150;
const MIN_CHARS = 2;

async function fetchSuggestions(q: string, signal: AbortSignal): Promise<SearchSuggestions> {
  const res = await fetch(`/api/v1/search/suggest?${new URLSearchParams({ q })}`, {
    signal,
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`Suggestions answered ${res.status}.`);
  return (await res.json()) as SearchSuggestions;
}

function toSuggestions(data: SearchSuggestions | undefined): Suggestion[] {
  if (!data) return [];
  const search = (params: Record<string, string>, path = '/products') =>
    `${path}?${new URLSearchParams(params)}`;
  return [
    ...data.titles.map((t) => ({
      key: `game:${t.slug}`,
      label: t.title,
      kind: 'Game',
      href: `/products/${t.slug}`,
    })),
    ...data.genres.map((g) => ({
      key: `genre:${g}`,
      label: g,
      kind: 'Genre',
      href: search({ genre: g }),
    })),
    ...data.platforms.map((p) => ({
      key: `platform:${p}`,
      label: p,
      kind: 'Platform',
      href: search({ platform: p }),
    })),
    ...data.studios.map((s) => ({
      key: `studio:${s}`,
      label: s,
      kind: 'Studio',
      href: search({ q: s }, '/search'),
    })),
  ];
}

/**
 * The search box with suggestions as you type (the ARIA 1.2 combobox pattern): arrows move
 * through the list, Enter opens the highlighted suggestion or, with none highlighted, submits
 * the search; Escape closes the list. On the results page it starts filled with the query, set
 * after mounting and only while empty and unfocused, so text typed before hydration survives.
 */
export function SearchCombobox({
  id,
  className,
  onKeyDown,
  onBlur,
  onFocus,
  ...props
}: SearchComboboxProps) {
  const router = useRouter();
  const pathname = usePathname();
  const listboxId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const input = inputRef.current;
    if (!input || input.value || document.activeElement === input || pathname !== '/search') return;
    setText(new URLSearchParams(window.location.search).get('q') ?? '');
  }, [pathname]);

  useEffect(() => {
    const timer = setTimeout(() => setTyped(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const enabled = typed.length >= MIN_CHARS;
  const { data } = useQuery({
    queryKey: ['catalog', 'suggest', typed.toLowerCase()],
    queryFn: ({ signal }) => fetchSuggestions(typed, signal),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const suggestions = useMemo(() => (enabled ? toSuggestions(data) : []), [enabled, data]);
  const expanded = open && suggestions.length > 0;
  const optionId = (i: number) => `${listboxId}-option-${i}`;

  const choose = (suggestion: Suggestion) => {
    setOpen(false);
    setActive(-1);
    router.push(suggestion.href);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented) return;
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!count) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => nextActive(i, count, event.key === 'ArrowDown', expanded));
        return;
      }
      case 'Enter':
        if (expanded && active >= 0 && suggestions[active]) {
          event.preventDefault();
          choose(suggestions[active]);
        } else {
          setOpen(false);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
    }
  };

  return (
    <div className="relative">
      <Input
        {...props}
        ref={inputRef}
        id={id}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={handleKeyDown}
        onFocus={(event) => {
          onFocus?.(event);
          setOpen(true);
        }}
        onBlur={(event) => {
          onBlur?.(event);
          setOpen(false);
          setActive(-1);
        }}
        className={className}
      />
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Search suggestions"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-50 mt-1 max-h-96 overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-lg"
      >
        {suggestions.map((suggestion, i) => (
          <li
            key={suggestion.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            // Keeps focus in the box, so the click lands before the list closes on blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(suggestion)}
            onMouseEnter={() => setActive(i)}
            className={cn(
              'flex cursor-pointer items-center justify-between gap-3 rounded-sm px-3 py-2 text-sm',
              i === active && 'bg-accent text-accent-foreground',
            )}
          >
            <span className="truncate">{suggestion.label}</span>
            <span className="shrink-0 text-xs text-muted-foreground">{suggestion.kind}</span>
          </li>
        ))}
      </ul>
      <p role="status" className="sr-only">
        {expanded
          ? `${suggestions.length} ${suggestions.length === 1 ? 'suggestion' : 'suggestions'}; use the arrow keys to choose one.`
          : ''}
      </p>
    </div>
  );
}
