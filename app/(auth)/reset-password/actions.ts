'use server';

import { redirect } from 'next/navigation';
import { validatedAction } from '@/lib/actions/validated';
import { resetPassword, resetSchema } from '@/lib/auth';

export const resetPasswordAction = validatedAction(resetSchema, async (input) => {
  await resetPassword(input);
  redirect('/login?notice=password-reset');
});
