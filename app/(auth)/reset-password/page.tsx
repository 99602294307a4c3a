import type { Metadata } from 'next';
import Link from 'next/link';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
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
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Choose a new password
        </CardTitle>
        <CardDescription>
          Every device signed in to your account will be signed out.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
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
      </CardContent>
    </Card>
  );
}
