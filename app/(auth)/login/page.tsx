import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { currentUser, safeReturnPath } from '@/lib/auth';
import { loginAction } from './actions';

export const metadata: Metadata = { title: 'Sign in', robots: { index: false } };

const notices: Record<string, string> = {
  'password-reset': 'Your password was changed. Sign in with the new one.',
  'signed-out-everywhere': 'You were signed out on every device.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const notice = typeof params.notice === 'string' ? notices[params.notice] : undefined;
  const registerHref =
    callbackUrl === '/account'
      ? '/register'
      : `/register?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Sign in
        </CardTitle>
        <CardDescription>Welcome back to Arcade.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {notice ? (
          <Alert variant="success">
            <AlertDescription>{notice}</AlertDescription>
          </Alert>
        ) : null}
        <LoginForm action={loginAction} callbackUrl={callbackUrl} />
        <p className="text-center text-sm text-muted-foreground">
          New here?{' '}
          <Link href={registerHref} className="text-neon underline-offset-4 hover:underline">
            Create an account
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
