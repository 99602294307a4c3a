'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/validated';

/** Long enough to read a one-line confirmation, short enough not to describe a later page. */
export const NEWS_VISIBLE_MS = 6000;

/**
 * True once `news` has been on screen for `ms`, or the admin typed in or submitted any form on
 * the page since it appeared: from then on it describes an older state of the page. `null` is no
 * news; a new object is new news, shown afresh.
 */
function useStale(news: object | null, ms: number): boolean {
  const [staleNews, setStaleNews] = useState<object | null>(null);
  const showing = news !== null && staleNews !== news;
  useEffect(() => {
    if (!showing) return;
    const fade = () => setStaleNews(news);
    const timer = setTimeout(fade, ms);
    // Capture: a form that stops propagation still counts as the next edit.
    document.addEventListener('input', fade, true);
    document.addEventListener('submit', fade, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('input', fade, true);
      document.removeEventListener('submit', fade, true);
    };
  }, [showing, news, ms]);
  return news !== null && !showing;
}

/**
 * The state a form shows: a success message fades (see `useStale`); a failure stays until the
 * next submit, since the fields it flags still need fixing. Everything else of the state is kept,
 * so forms still know the last save succeeded.
 */
export function useFadingSuccess<S extends ActionState<unknown>>(
  state: S,
  ms = NEWS_VISIBLE_MS,
): S {
  const stale = useStale(state.ok && state.message ? state : null, ms);
  return useMemo(() => (stale ? { ...state, message: undefined } : state), [stale, state]);
}

/**
 * A confirmation outside a form's state (e.g. "Product created" after a redirect, or an upload's
 * own message) that fades like a form's. Mount it afresh for new news.
 */
export function FadingNotice({
  children,
  ms = NEWS_VISIBLE_MS,
}: {
  children: ReactNode;
  ms?: number;
}) {
  const [news] = useState(() => ({}));
  return useStale(news, ms) ? null : children;
}
