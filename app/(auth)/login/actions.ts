'use server';

import { validatedAction } from '@/lib/actions/validated';
import { loginSchema, signInWithPassword } from '@/lib/auth';
import { completeSignIn } from '../complete-sign-in';

export const loginAction = validatedAction(loginSchema, (input, formData) =>
  completeSignIn((meta) => signInWithPassword(input, meta), formData),
);
