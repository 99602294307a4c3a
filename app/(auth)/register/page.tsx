import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard, AuthCardLink } from '@/components/auth/auth-card';
import { RegisterForm } from '@/components/auth/register-form';
import { currentUser, safeReturnPath } from '@/lib/auth';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Create an account', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegisterPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <AuthCard
      title="Create an account"
      description="Keep a cart, check out faster and follow your orders."
    >
      <RegisterForm action={registerAction} callbackUrl={callbackUrl} />
      <AuthCardLink prompt="Already have an account?" href="/login">
        Sign in
      </AuthCardLink>
    </AuthCard>
  );
}
