'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Gift } from 'lucide-react';
import { ApiError, callApi } from '@/components/cart/cart-api';
import { Button } from '@/components/ui/button';

export function ClaimGiftButton({ token }: { token: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claim() {
    setBusy(true);
    setError(null);
    try {
      await callApi(`/api/v1/gifts/${encodeURIComponent(token)}/claim`, {
        method: 'POST',
        body: {},
      });
      router.push('/library');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not claim the gift.');
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <Button size="lg" onClick={claim} disabled={busy} data-testid="claim-gift" className="w-fit">
        <Gift aria-hidden="true" /> {busy ? 'Claiming…' : 'Add to my library'}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-danger-text">
          {error}
        </p>
      )}
    </div>
  );
}
