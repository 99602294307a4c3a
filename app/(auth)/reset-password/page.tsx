import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '@/components/auth/auth-card';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { resetTokenSchema } from '@/lib/auth';
import { resetPasswordAction } from './actions';

export const metadata: Metadata = {
  title: 'Choose a new password',
  robots: { index: false },
  // The token is in this page's URL: never hand it to another site in a Referer.
  referrer: 'no-referrer',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const valid = resetTokenSchema.safeParse(token);
  return (
    <AuthCard
      title="Choose a new password"
      description="Every device signed in to your account will be signed out."
    >
      {valid.success ? (
        <ResetPasswordForm action={resetPasswordAction} token={valid.data} />
      ) : (
        <Alert variant="destructive">
          <AlertDescription>
            This reset link is invalid or incomplete.{' '}
            <Link href="/forgot-password" className="underline underline-offset-4">
              Ask for a new one
            </Link>
            .
          </AlertDescription>
        </Alert>
      )}
    </AuthCard>
  );
}
