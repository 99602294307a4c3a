import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionButton } from '@/components/admin/action-button';
import { AdminTable } from '@/components/admin/admin-table';
import { Tr } from '@/components/admin/data-table';
import { formatAmount, formatDateTime } from '@/components/admin/format';
import { NoteForm, RefundDecisionForm } from '@/components/admin/order-forms';
import { OrderRefundForm } from '@/components/admin/order-refund-form';
import { AddressBlock } from '@/components/orders/address-block';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { AdminPage } from '@/components/admin/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { getAdminOrder } from '@/lib/admin';
import { requirePageAdmin } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';
import { statusLabel } from '@/lib/orders';
import {
  addNoteAction,
  cancelOrderAction,
  decideRefundAction,
  fulfilOrderAction,
  recordCashPaymentAction,
  refundOrderAction,
} from '../../actions/orders';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageAdmin(`/admin/orders/${id}`);
  const admin = await getAdminOrder(id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const {
    order,
    customer,
    notes,
    canFulfil,
    canDecideRefund,
    canRecordCash,
    canCancel,
    canRefund,
    refunds,
  } = admin;
  const money = (cents: number) => formatAmount(cents, order.currency);
  const shipped = order.fulfilledAt !== null;
  const address = order.shippingAddress;
  return (
    <AdminPage
      title={`Order ${order.id.slice(0, 8)}`}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <OrderStatusBadge status={order.status} />
          <span>Placed {formatDateTime(order.createdAt)}</span>
        </span>
      }
    >
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-6">
          <AdminTable
            caption="Items"
            columns={[
              'Game',
              { label: 'Unit price', numeric: true },
              { label: 'Quantity', numeric: true },
              { label: 'Total', numeric: true },
            ]}
            rows={order.items}
            footer={
              <>
                <tr>
                  <th scope="row" colSpan={3} className="text-right">
                    Shipping
                  </th>
                  <td className="text-right tabular-nums">{money(order.shippingCents)}</td>
                </tr>
                <tr>
                  <th scope="row" colSpan={3} className="text-right">
                    Total
                  </th>
                  <td className="text-right font-semibold tabular-nums">
                    {money(order.totalCents)}
                  </td>
                </tr>
              </>
            }
          >
            {(item) => (
              <Tr key={item.editionId}>
                <td>
                  <Link href={`/admin/products/${item.productId}`} className="hover:underline">
                    {item.title}
                  </Link>
                  <span className="block text-xs text-muted-foreground">{item.editionName}</span>
                </td>
                <td className="text-right tabular-nums">{money(item.unitPriceCents)}</td>
                <td className="text-right tabular-nums">
                  {item.quantity}
                  {item.refundedQuantity > 0 ? (
                    <span className="block text-xs text-muted-foreground">
                      {item.refundedQuantity} refunded
                    </span>
                  ) : null}
                </td>
                <td className="text-right tabular-nums">{money(item.lineTotalCents)}</td>
              </Tr>
            )}
          </AdminTable>
          <Card>
            <CardHeader>
              <CardTitle>Timeline</CardTitle>
            </CardHeader>
            <CardContent>
              <ol className="grid gap-2 text-sm">
                {order.events.map((e, i) => (
                  <li key={i} className="flex flex-wrap gap-x-3">
                    <span className="text-muted-foreground">{formatDateTime(e.at)}</span>
                    <span className="font-medium">{statusLabel(e.toStatus)}</span>
                    {e.note ? <span className="text-muted-foreground">{e.note}</span> : null}
                  </li>
                ))}
              </ol>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Internal notes</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-4">
              {notes.length === 0 ? (
                <p className="text-sm text-muted-foreground">No notes yet.</p>
              ) : (
                <ul className="grid gap-3">
                  {notes.map((n) => (
                    <li key={n.id} className="rounded-md border p-3 text-sm">
                      <p className="whitespace-pre-wrap">{n.body}</p>
                      <p className="mt-1 text-xs text-muted-foreground">
                        {n.authorEmail ?? 'Former staff'} · {formatDateTime(n.createdAt)}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              <NoteForm action={addNoteAction} orderId={order.id} />
            </CardContent>
          </Card>
        </div>
        <div className="grid content-start gap-6">
          {canRecordCash ? (
            <Card>
              <CardHeader>
                <CardTitle>Cash on delivery</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                <p className="text-muted-foreground">
                  {shipped
                    ? `Shipped. Record the payment once the courier has collected ${money(order.totalCents)}.`
                    : `The order can ship before the cash comes. Record the payment once the courier has collected ${money(order.totalCents)}.`}
                </p>
                <ActionButton
                  action={recordCashPaymentAction}
                  fields={{ id: order.id }}
                  label="Record cash payment"
                  pendingLabel="Recording…"
                  confirm={`Record ${money(order.totalCents)} collected in cash for this order?`}
                />
              </CardContent>
            </Card>
          ) : null}
          {canFulfil || canDecideRefund ? (
            <Card>
              <CardHeader>
                <CardTitle>{canDecideRefund ? 'Refund requested' : 'Fulfilment'}</CardTitle>
              </CardHeader>
              <CardContent>
                {canDecideRefund ? (
                  <RefundDecisionForm action={decideRefundAction} orderId={order.id} />
                ) : (
                  <ActionButton
                    action={fulfilOrderAction}
                    fields={{ id: order.id }}
                    label="Mark fulfilled"
                    pendingLabel="Saving…"
                  />
                )}
              </CardContent>
            </Card>
          ) : null}
          {canRefund ? (
            <Card>
              <CardHeader>
                <CardTitle>Refund</CardTitle>
              </CardHeader>
              <CardContent>
                <OrderRefundForm
                  action={refundOrderAction}
                  orderId={order.id}
                  currency={order.currency}
                  order={{
                    subtotalCents: order.subtotalCents,
                    taxCents: order.taxCents,
                    totalCents: order.totalCents,
                    refundedCents: order.refundedCents,
                    items: order.items,
                  }}
                />
              </CardContent>
            </Card>
          ) : null}
          {canCancel ? (
            <Card>
              <CardHeader>
                <CardTitle>Cancel</CardTitle>
              </CardHeader>
              <CardContent className="grid gap-3 text-sm">
                <p className="text-muted-foreground">
                  {order.paidAt
                    ? `Cancels the order and refunds ${money(order.totalCents - order.refundedCents)}: games leave the customer's library and units go back on sale.`
                    : shipped
                      ? 'For a parcel that came back unpaid: the order is cancelled and its units go back on sale.'
                      : 'Cancels the order: its units go back on sale.'}
                </p>
                <ActionButton
                  action={cancelOrderAction}
                  fields={{ id: order.id }}
                  label={order.paidAt ? 'Cancel and refund' : 'Cancel order'}
                  pendingLabel="Cancelling…"
                  variant="destructive"
                  confirm={
                    order.paidAt
                      ? `Cancel this order and refund ${money(order.totalCents - order.refundedCents)} to the customer?`
                      : 'Cancel this order?'
                  }
                />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>Customer</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1 text-sm">
              <Link href={`/admin/users/${customer.id}`} className="font-medium hover:underline">
                {customer.name}
              </Link>
              <span className="text-muted-foreground">{customer.email}</span>
              {address ? (
                <AddressBlock address={address} className="mt-2 text-muted-foreground" />
              ) : (
                <span className="mt-2 text-muted-foreground">
                  Digital order · billed in {order.billingCountry ?? 'unknown'}
                </span>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Payment</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-1 text-sm">
              {order.payment ? (
                <>
                  <span>
                    {order.payment.method} via {order.payment.provider}:{' '}
                    {order.payment.status.replace('_', ' ')}
                  </span>
                  <span className="text-muted-foreground">{money(order.payment.amountCents)}</span>
                </>
              ) : (
                <span className="text-muted-foreground">No payment yet.</span>
              )}
              {order.refundedCents > 0 ? <span>Refunded {money(order.refundedCents)}</span> : null}
              {refunds.length ? (
                <ul className="mt-2 grid gap-2" aria-label="Refunds">
                  {refunds.map((r) => (
                    <li key={r.id} className="rounded-md border p-2">
                      <span className="font-medium">{money(r.amountCents)}</span>{' '}
                      {r.status === 'sent' ? (
                        <span className="text-muted-foreground">
                          sent {r.sentAt ? formatDateTime(r.sentAt) : ''}
                        </span>
                      ) : (
                        <span className="text-muted-foreground">
                          pending: waiting for the payment provider
                        </span>
                      )}
                      {r.reason ? (
                        <span className="block text-xs text-muted-foreground">{r.reason}</span>
                      ) : null}
                      {r.status === 'pending' && r.lastError ? (
                        <span className="block text-xs text-danger-text">
                          Attempt {r.attempts} failed: {r.lastError}. Retrying automatically.
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </CardContent>
          </Card>
        </div>
      </div>
    </AdminPage>
  );
}
