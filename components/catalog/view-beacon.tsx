'use client';

import { useEffect } from 'react';

/**
 * Reports one view of a game. Product pages come from the page cache without rendering on the
 * server, so the count for "most viewed" is taken here, once per page visit.
 */
export function ViewBeacon({ slug }: { slug: string }) {
  useEffect(() => {
    void fetch(`/api/v1/products/${encodeURIComponent(slug)}/views`, {
      method: 'POST',
      keepalive: true,
    }).catch(() => {});
  }, [slug]);
  return null;
}
