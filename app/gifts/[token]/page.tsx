import type { Metadata } from 'next';
import Link from 'next/link';
import { ClaimGiftButton } from '@/components/library/claim-gift-button';
import { Button } from '@/components/ui/button';
import { currentUser, loginPath } from '@/lib/auth';
import { previewGift, type GiftPreview } from '@/lib/library';
import { NotFoundError } from '@/lib/errors';

export const metadata: Metadata = { title: 'A gift for you', robots: { index: false } };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ token: string }> };

export default async function GiftPage({ params }: Props) {
  const { token } = await params;
  const here = `/gifts/${encodeURIComponent(token)}`;
  let gift: GiftPreview | null = null;
  try {
    gift = await previewGift(token);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
  }
  const user = await currentUser();
  return (
    <div className="container-shop max-w-xl py-12">
      {!gift ? (
        <div className="flex flex-col gap-4">
          <h1 className="text-2xl font-bold">This gift link does not work</h1>
          <p className="text-muted-foreground">
            It may have been replaced by a newer mail, or the gift was taken back. Ask the sender to
            send it again.
          </p>
        </div>
      ) : (
        <div className="flex flex-col gap-5">
          <h1 className="text-3xl font-extrabold tracking-tight">{gift.from} sent you a game</h1>
          <ul className="flex flex-col gap-1" data-testid="gift-items">
            {gift.items.map((i) => (
              <li key={`${i.title}-${i.editionName}`}>
                {i.quantity} × <strong>{i.title}</strong>{' '}
                <span className="text-muted-foreground">({i.editionName})</span>
              </li>
            ))}
          </ul>
          {gift.message && (
            <blockquote className="border-l-4 border-primary pl-4 italic">
              {gift.message}
            </blockquote>
          )}
          {gift.claimed ? (
            <p>
              This gift was claimed. If it was you, it is in your{' '}
              <Link href="/library" className="underline">
                library
              </Link>
              .
            </p>
          ) : user ? (
            <ClaimGiftButton token={token} />
          ) : (
            <div className="flex flex-col gap-3">
              <p className="text-sm text-muted-foreground">
                Sign in, or create an account, with the email address this gift was sent to.
              </p>
              <div className="flex gap-3">
                <Button asChild>
                  <Link href={loginPath(here)}>Sign in to claim</Link>
                </Button>
                <Button asChild variant="outline">
                  <Link href={`/register?callbackUrl=${encodeURIComponent(here)}`}>
                    Create an account
                  </Link>
                </Button>
              </div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
