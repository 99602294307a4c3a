import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Lock } from 'lucide-react';
import { PayForm } from '@/components/checkout/pay-form';
import { payAction } from './actions';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePageUser } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';
import { formatMoney } from '@/lib/format/money';
import { openHostedPayment, type HostedPayment } from '@/lib/payments';

export const metadata: Metadata = { title: 'Pay', robots: { index: false } };

// The payment's state changes under it: always read it fresh.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ intentId: string }> };

/**
 * The simulated provider's hosted payment page: in a real integration this lives on the provider's
 * domain. Only the shopper whose order it pays may open it: anonymous visitors sign in first and
 * come back; any other account gets the 404 an unknown link gets, so links cannot be probed.
 */
export default async function PayPage({ params }: Props) {
  const { intentId } = await params;
  const user = await requirePageUser(`/pay/${encodeURIComponent(intentId)}`);
  let payment: HostedPayment;
  try {
    payment = await openHostedPayment(user.id, intentId);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return (
    <div className="container-shop flex justify-center py-10 sm:py-16">
      <Card className="w-full max-w-md">
        <CardHeader>
          <p className="flex items-center gap-2 text-xs font-semibold tracking-widest text-muted-foreground uppercase">
            <Lock className="size-3" aria-hidden="true" /> Arcade Pay · test mode
          </p>
          <CardTitle as="h1" className="text-2xl font-extrabold">
            Pay {formatMoney(payment.amountCents, payment.currency)}
          </CardTitle>
          <CardDescription>Order {payment.orderId.slice(0, 8)}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {payment.payable ? (
            <PayForm
              payAction={payAction}
              intentId={payment.intentId}
              method={payment.method === 'wallet' ? 'wallet' : 'card'}
              lastFailure={payment.failureReason}
            />
          ) : (
            <p data-testid="payment-closed">
              {payment.status === 'succeeded' || payment.status === 'refunded'
                ? 'This payment is complete.'
                : 'This payment can no longer be made: the order was cancelled or expired.'}
            </p>
          )}
          <Link
            href={`/orders/${payment.orderId}`}
            className="text-sm text-neon underline-offset-4 hover:underline"
          >
            Back to the order
          </Link>
        </CardContent>
      </Card>
    </div>
  );
}
