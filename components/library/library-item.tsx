'use client';

import { useState } from 'react';
import Link from 'next/link';
import { Download, Eye, Gift, KeyRound } from 'lucide-react';
import { ApiError, callApi } from '@/components/cart/cart-api';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { LibraryItem } from '@/lib/library/library';

const formatSize = (bytes: number) =>
  bytes >= 1 << 20
    ? `${(bytes / (1 << 20)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** One owned game: its key (revealed on demand, every reveal logged) or its download. */
export function LibraryItemCard({ item }: { item: LibraryItem }) {
  const [key, setKey] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reveal() {
    setBusy(true);
    setError(null);
    try {
      const revealed = await callApi<{ key: string }>(`/api/v1/library/${item.id}/reveal`, {
        method: 'POST',
        body: {},
      });
      setKey(revealed.key);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not reveal the key.');
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const link = await callApi<{ url: string }>(
        `/api/v1/library/${item.id}/download?format=json`,
      );
      window.location.assign(link.url);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not start the download.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      className="flex gap-4 rounded-lg border border-border p-4"
      data-testid="library-item"
      data-edition-id={item.editionId}
    >
      <div className="h-28 w-20 shrink-0 overflow-hidden rounded-md bg-muted">
        {item.coverUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- covers are small, already sized
          <img src={item.coverUrl} alt="" className="h-full w-full object-cover" />
        )}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/products/${item.slug}`} className="font-semibold hover:underline">
            {item.title}
          </Link>
          {item.gift && (
            <Badge variant="outline">
              <Gift className="size-3" aria-hidden="true" /> Gift
            </Badge>
          )}
        </div>
        <p className="text-sm text-muted-foreground">
          {item.editionName} · {item.platform} ·{' '}
          <Link href={`/orders/${item.orderId}`} className="underline-offset-4 hover:underline">
            order {item.orderId.slice(0, 8)}
          </Link>
        </p>
        {item.key && (
          <div className="flex flex-wrap items-center gap-3">
            {key ? (
              <code
                className="rounded bg-muted px-2 py-1 font-mono text-sm select-all"
                data-testid="revealed-key"
              >
                {key}
              </code>
            ) : item.key.state === 'pending' ? (
              <span className="text-sm text-muted-foreground">
                Your key is on its way: it appears here as soon as it is in stock.
              </span>
            ) : (
              <Button
                size="sm"
                variant="outline"
                onClick={reveal}
                disabled={busy}
                data-testid="reveal-key"
              >
                {item.key.state === 'revealed' ? (
                  <Eye aria-hidden="true" />
                ) : (
                  <KeyRound aria-hidden="true" />
                )}
                {item.key.state === 'revealed' ? 'Show key again' : 'Reveal key'}
              </Button>
            )}
          </div>
        )}
        {item.download && (
          <div className="flex flex-wrap items-center gap-3">
            <Button
              size="sm"
              variant="outline"
              onClick={download}
              disabled={busy || !item.download.ready}
              data-testid="download"
            >
              <Download aria-hidden="true" />
              {item.download.ready ? 'Download' : 'Download not ready yet'}
            </Button>
            {item.download.fileName && item.download.sizeBytes !== null && (
              <span className="text-xs text-muted-foreground">
                {item.download.fileName} · {formatSize(item.download.sizeBytes)}
              </span>
            )}
          </div>
        )}
        {error && (
          <p role="alert" className="text-sm text-danger-text">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}
