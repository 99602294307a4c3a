import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { RegisterForm } from '@/components/auth/register-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { currentUser, safeReturnPath } from '@/lib/auth';
import { registerAction } from './actions';

export const metadata: Metadata = { title: 'Create an account', robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RegisterPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeReturnPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-2xl">
          Create an account
        </CardTitle>
        <CardDescription>Keep a cart, check out faster and follow your orders.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <RegisterForm action={registerAction} callbackUrl={callbackUrl} />
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{' '}
          <Link href="/login" className="text-neon underline-offset-4 hover:underline">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
