'use client';

import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { callApi } from '@/components/cart/cart-api';

type Props = {
  orderId: string;
  canCancel: boolean;
  canRequestRefund: boolean;
  paymentUrl: string | null;
};

/**
 * Cancel / refund / pay: the server decides what is allowed (409 otherwise); the page then
 * refreshes. Only an unpaid order can be cancelled (cash on delivery: until it ships); a paid one
 * offers a refund request instead, which staff approve or deny.
 */
export function OrderActions({ orderId, canCancel, canRequestRefund, paymentUrl }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<'cancel' | 'refund' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(kind: 'cancel' | 'refund', confirmText: string) {
    if (!window.confirm(confirmText)) return;
    setPending(kind);
    setError(null);
    try {
      await callApi(`/api/v1/orders/${orderId}/${kind}`, { method: 'POST', body: {} });
      // Stock on listings changed; the header badge does not, but cheap to re-ask.
      void queryClient.invalidateQueries({ queryKey: ['cart'] });
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Something went wrong.');
    } finally {
      setPending(null);
    }
  }

  if (!canCancel && !canRequestRefund && !paymentUrl) return null;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-3">
        {paymentUrl && (
          <Button asChild data-testid="pay-order">
            <Link href={paymentUrl}>Pay now</Link>
          </Button>
        )}
        {canCancel && (
          <Button
            variant="outline"
            disabled={pending !== null}
            data-testid="cancel-order"
            onClick={() => act('cancel', 'Cancel this order? Its games go back on sale.')}
          >
            {pending === 'cancel' ? 'Cancelling…' : 'Cancel order'}
          </Button>
        )}
        {canRequestRefund && (
          <Button
            variant="outline"
            disabled={pending !== null}
            data-testid="request-refund"
            onClick={() =>
              act('refund', 'Ask for a refund of this order? Our staff will review it.')
            }
          >
            {pending === 'refund' ? 'Sending…' : 'Request a refund'}
          </Button>
        )}
      </div>
      {canRequestRefund && (
        <p className="text-sm text-muted-foreground">
          A paid order is no longer cancelled: request a refund, and our staff will review it.
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger-text">
          {error}
        </p>
      )}
    </div>
  );
}
