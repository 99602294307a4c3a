import type { Metadata } from 'next';
import { AuthCard, AuthCardLink } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { RECOVERY_UNAVAILABLE_MESSAGE } from '@/lib/auth';
import { mailAvailable } from '@/lib/mail';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Forgot your password?', robots: { index: false } };

// Whether this shop sends mail is read from the running server's environment, not the build's.
export const dynamic = 'force-dynamic';

export default function ForgotPasswordPage() {
  if (!mailAvailable()) {
    return (
      <AuthCard title="Forgot your password?" description="We cannot email you a reset link.">
        <Alert variant="warning">
          <AlertDescription>{RECOVERY_UNAVAILABLE_MESSAGE}</AlertDescription>
        </Alert>
        <AuthCardLink prompt="Remembered it?" href="/login">
          Sign in
        </AuthCardLink>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Forgot your password?"
      description="Enter your email and we will send you a link to choose a new one."
    >
      <ForgotPasswordForm action={forgotPasswordAction} />
      <AuthCardLink prompt="Remembered it?" href="/login">
        Sign in
      </AuthCardLink>
    </AuthCard>
  );
}
