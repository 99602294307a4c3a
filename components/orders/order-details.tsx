import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMoney } from '@/lib/format/money';
import type { OrderDetail } from '@/lib/orders/types';
import { AddressBlock } from './address-block';
import { OrderActions } from './order-actions';
import { OrderStatusBadge } from './order-status-badge';
import { OrderTimeline } from './order-timeline';

const METHOD: Record<OrderDetail['paymentMethod'], string> = {
  card: 'Card',
  wallet: 'Wallet',
  cod: 'Cash on delivery',
};
const PAYMENT_STATUS: Record<string, string> = {
  requires_action: 'Awaiting payment',
  succeeded: 'Paid',
  failed: 'Last attempt failed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};

export function OrderDetails({ order }: { order: OrderDetail }) {
  const money = (c: number) => formatMoney(c, order.currency);
  const a = order.shippingAddress;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-6">
        <div className="flex flex-wrap items-center gap-3">
          <OrderStatusBadge status={order.status} />
          {order.status === 'pending_payment' && order.expiresAt && (
            <span className="text-sm text-muted-foreground">
              Pay by{' '}
              <time dateTime={order.expiresAt}>
                {new Date(order.expiresAt).toLocaleTimeString('en-US', {
                  timeStyle: 'short',
                  timeZone: 'UTC',
                })}{' '}
                UTC
              </time>{' '}
              or the order is cancelled.
            </span>
          )}
        </div>
        <OrderActions
          orderId={order.id}
          canCancel={order.canCancel}
          canRequestRefund={order.canRequestRefund}
          paymentUrl={order.payment?.paymentUrl ?? null}
        />
        <Card>
          <CardHeader>
            <CardTitle>Items</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="divide-y divide-border">
              {order.items.map((i) => (
                <li
                  key={i.editionId}
                  className="flex justify-between gap-4 py-3"
                  data-testid="order-item"
                >
                  <span>
                    <Link href={`/products/${i.slug}`} className="font-medium hover:underline">
                      {i.title}
                    </Link>
                    <span className="block text-sm text-muted-foreground">{i.editionName}</span>
                    <span className="block text-sm text-muted-foreground">
                      {i.quantity} × {money(i.unitPriceCents)}
                    </span>
                  </span>
                  <span className="tabular-nums">{money(i.lineTotalCents)}</span>
                </li>
              ))}
            </ul>
            <dl className="mt-4 grid grid-cols-[1fr_auto] gap-y-1 text-sm">
              <dt className="text-muted-foreground">Subtotal</dt>
              <dd className="text-right tabular-nums">{money(order.subtotalCents)}</dd>
              <dt className="text-muted-foreground">Shipping</dt>
              <dd className="text-right tabular-nums">
                {a ? money(order.shippingCents) : 'None (digital)'}
              </dd>
              {order.taxCents > 0 && (
                <>
                  <dt className="text-muted-foreground">Estimated tax ({order.billingCountry})</dt>
                  <dd className="text-right tabular-nums">{money(order.taxCents)}</dd>
                </>
              )}
              <dt className="font-semibold">Total</dt>
              <dd className="text-right font-semibold tabular-nums" data-testid="order-total">
                {money(order.totalCents)}
              </dd>
              {order.refundedCents > 0 && (
                <>
                  <dt className="text-muted-foreground">Refunded</dt>
                  <dd className="text-right tabular-nums">{money(order.refundedCents)}</dd>
                </>
              )}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>History</CardTitle>
          </CardHeader>
          <CardContent>
            <OrderTimeline events={order.events} />
          </CardContent>
        </Card>
      </div>
      <div className="flex flex-col gap-6">
        {order.items.some((i) => i.delivery !== 'physical') &&
          ['paid', 'fulfilled'].includes(order.status) && (
            <Card>
              <CardHeader>
                <CardTitle>{order.gift ? 'Gift' : 'Your games'}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm">
                {order.gift ? (
                  <p>
                    Sent to {order.gift.email}:{' '}
                    {order.gift.claimed ? 'claimed.' : 'not claimed yet.'}
                  </p>
                ) : (
                  <p>
                    Keys and downloads are in your{' '}
                    <Link href="/library" className="underline">
                      library
                    </Link>
                    .
                  </p>
                )}
              </CardContent>
            </Card>
          )}
        {a && (
          <Card>
            <CardHeader>
              <CardTitle>Shipping to</CardTitle>
            </CardHeader>
            <CardContent>
              <AddressBlock address={a} className="text-sm" />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>Payment</CardTitle>
          </CardHeader>
          <CardContent className="text-sm">
            <p>{METHOD[order.paymentMethod]}</p>
            {order.payment ? (
              <p className="text-muted-foreground" data-testid="payment-status">
                {PAYMENT_STATUS[order.payment.status] ?? order.payment.status}
                {order.payment.failureReason && order.payment.status === 'failed'
                  ? `: ${order.payment.failureReason}`
                  : ''}
              </p>
            ) : (
              <p className="text-muted-foreground">
                Pay {money(order.totalCents)} when the order arrives.
              </p>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
