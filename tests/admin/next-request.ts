import { createElement, type ReactElement } from 'react';
import { renderToReadableStream } from 'react-dom/server';
import {
  AppRouterContext,
  type AppRouterInstance,
} from 'next/dist/shared/lib/app-router-context.shared-runtime';

/**
 * Stand-in for `next/headers` in admin tests, installed with
 * `vi.mock('next/headers', () => import('./next-request'))`: pages and server actions see the
 * session cookie of whichever account the test puts in `jar`.
 */
export const jar = { cookie: '' };

export async function cookies() {
  const pairs = new Map(jar.cookie ? [jar.cookie.split('=') as [string, string]] : []);
  return {
    get: (name: string) => (pairs.has(name) ? { name, value: pairs.get(name)! } : undefined),
  };
}

export async function headers() {
  return new Headers({ cookie: jar.cookie, 'user-agent': 'vitest' });
}

/** Renders a server page's element to HTML, with the do-nothing router client components need. */
export async function renderToHtml(element: ReactElement): Promise<string> {
  const noop = () => {};
  const router = {
    back: noop,
    forward: noop,
    refresh: noop,
    push: noop,
    replace: noop,
    prefetch: noop,
    hmrRefresh: noop,
  };
  const tree = createElement(
    AppRouterContext.Provider,
    { value: router as unknown as AppRouterInstance },
    element,
  );
  return new Response(await renderToReadableStream(tree)).text();
}
