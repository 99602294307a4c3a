import type { Metadata } from 'next';
import { AuthCard, AuthCardLink } from '@/components/auth/auth-card';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Forgot your password?', robots: { index: false } };

export default function ForgotPasswordPage() {
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
