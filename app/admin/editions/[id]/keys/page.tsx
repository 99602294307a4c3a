import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AdminPage } from '@/components/admin/page-header';
import { StatCard } from '@/components/admin/stat-card';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePageAdmin } from '@/lib/auth';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { keyEditionSummary, LOW_KEYS_THRESHOLD } from '@/lib/vault';
import { importKeysAction } from '../../../actions/keys';
import { KeyImportForm } from './key-import-form';

export const metadata: Metadata = { title: 'Licence keys', robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

const linkLook = 'text-neon underline-offset-4 hover:underline';

export default async function EditionKeysPage({ params }: Props) {
  const { id } = await params;
  await requirePageAdmin(`/admin/editions/${id}/keys`);
  const summary = await keyEditionSummary(id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    if (err instanceof ConflictError) return err;
    throw err;
  });
  if (summary instanceof ConflictError) {
    return (
      <AdminPage title="Licence keys">
        <Alert variant="warning">
          <AlertDescription>{summary.message}</AlertDescription>
        </Alert>
      </AdminPage>
    );
  }
  const { edition, inventory } = summary;
  return (
    <AdminPage
      title={`${edition.productTitle}: ${edition.name}`}
      description={
        <span className="flex flex-wrap items-center gap-2">
          <span>
            {edition.platform} · SKU {edition.sku} · {edition.stock} for sale
            {edition.archived ? ' · archived' : ''}
          </span>
          <Link href={`/admin/products/${edition.productId}`} className={linkLook}>
            Back to the game
          </Link>
        </span>
      }
    >
      {inventory.owed > 0 ? (
        <Alert variant="warning">
          <AlertTitle>
            {inventory.owed === 1 ? 'A buyer is' : `${inventory.owed} buyers are`} waiting for a key
          </AlertTitle>
          <AlertDescription>
            They paid while the vault was empty. The next import serves them first, oldest purchase
            first.
          </AlertDescription>
        </Alert>
      ) : null}
      {inventory.lowKeys ? (
        <Alert variant="warning">
          <AlertTitle>Low on keys</AlertTitle>
          <AlertDescription>
            {inventory.available === 0
              ? 'No keys left: this edition cannot be sold until you import a new batch.'
              : `Only ${inventory.available} left (fewer than ${LOW_KEYS_THRESHOLD}): import a new batch before the edition sells out.`}
          </AlertDescription>
        </Alert>
      ) : null}
      <section aria-label="Key inventory" className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        <StatCard label="Available" value={inventory.available} detail="In the vault, for sale" />
        <StatCard label="Assigned" value={inventory.assigned} detail="Sold, not yet revealed" />
        <StatCard label="Revealed" value={inventory.revealed} detail="Seen by their buyer" />
        <StatCard label="Revoked" value={inventory.revoked} detail="Revealed, then refunded" />
        <StatCard label="Owed" value={inventory.owed} detail="Paid, waiting for a key" />
      </section>
      <Card>
        <CardHeader>
          <CardTitle>Import keys</CardTitle>
          <CardDescription>
            Keys are encrypted as they arrive and never shown here again. Duplicates (already in the
            vault or repeated in the batch) and malformed lines are skipped and reported by line
            number.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <KeyImportForm action={importKeysAction} editionId={edition.id} />
        </CardContent>
      </Card>
    </AdminPage>
  );
}
