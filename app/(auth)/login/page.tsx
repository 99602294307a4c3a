import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard, AuthCardLink } from '@/components/auth/auth-card';
import { LoginForm } from '@/components/auth/login-form';
import { Alert, AlertDescription } from '@/components/ui/alert';
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
    <AuthCard title="Sign in" description="Welcome back to Arcade.">
      {notice ? (
        <Alert variant="success">
          <AlertDescription>{notice}</AlertDescription>
        </Alert>
      ) : null}
      <LoginForm action={loginAction} callbackUrl={callbackUrl} />
      <AuthCardLink prompt="New here?" href={registerHref}>
        Create an account
      </AuthCardLink>
    </AuthCard>
  );
}
