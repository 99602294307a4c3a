import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { nextActive, SearchCombobox } from '@/components/catalog/search-combobox';

vi.mock('next/navigation', () => ({
  useRouter: () => ({ push: vi.fn() }),
  usePathname: () => '/',
}));

describe('the header search combobox', () => {
  it('renders an input with the combobox role wired to its (closed) list of suggestions', () => {
    const html = renderToString(
      createElement(
        QueryClientProvider,
        { client: new QueryClient() },
        createElement(SearchCombobox, { id: 'site-search', name: 'q', type: 'search' }),
      ),
    );
    const input = /<input[^>]*>/.exec(html)![0];
    expect(input).toContain('role="combobox"');
    expect(input).toContain('aria-expanded="false"');
    expect(input).toContain('aria-autocomplete="list"');
    expect(input).not.toContain('aria-activedescendant');
    const controls = /aria-controls="([^"]+)"/.exec(input)![1]!;
    expect(html).toMatch(new RegExp(`<ul[^>]*id="${controls}"[^>]*role="listbox"[^>]*hidden`));
  });

  it('moves the highlight with the arrow keys, wrapping at both ends', () => {
    expect(nextActive(-1, 4, true, true)).toBe(0);
    expect(nextActive(-1, 4, false, true)).toBe(3);
    expect(nextActive(1, 4, true, true)).toBe(2);
    expect(nextActive(3, 4, true, true)).toBe(0);
    expect(nextActive(0, 4, false, true)).toBe(3);
    // A closed list opens on the first (Down) or last (Up) suggestion, wherever the highlight was.
    expect(nextActive(2, 4, true, false)).toBe(0);
    expect(nextActive(2, 4, false, false)).toBe(3);
  });
});
