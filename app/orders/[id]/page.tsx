import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderDetails } from '@/components/orders/order-details';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { requirePageUser } from '@/lib/auth';
import { NotFoundError } from '@/lib/errors';
import { mailAvailable } from '@/lib/mail';
import { getOrder, type OrderDetail } from '@/lib/orders';

export const metadata: Metadata = { title: 'Order' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ payment?: string }> };

export default async function OrderPage({ params, searchParams }: Props) {
  const [{ id }, { payment }] = await Promise.all([params, searchParams]);
  const user = await requirePageUser(`/orders/${id}`);
  let order: OrderDetail;
  try {
    order = await getOrder(user.id, id);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  return (
    <div className="container-shop py-8 sm:py-12">
      <Link href="/orders" className="text-sm text-neon underline-offset-4 hover:underline">
        ← All orders
      </Link>
      <h1 className="mt-2 mb-6 text-3xl font-extrabold tracking-tight">
        Order <span className="font-mono">{order.id.slice(0, 8)}</span>
      </h1>
      {payment === 'success' && order.status === 'paid' && (
        <Alert variant="success" className="mb-6">
          <AlertDescription>
            {/* A shop that sends no mail (MAIL_DISABLED) must not promise a receipt: this page is it. */}
            {mailAvailable()
              ? 'Thanks! Your payment went through; a receipt is on its way.'
              : 'Thanks! Your payment went through. Keep this page: it is your receipt.'}
          </AlertDescription>
        </Alert>
      )}
      <OrderDetails order={order} />
    </div>
  );
}
