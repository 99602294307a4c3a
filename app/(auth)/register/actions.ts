'use server';

import { validatedAction } from '@/lib/actions/validated';
import { registerAccount, registerSchema } from '@/lib/auth';
import { completeSignIn } from '../complete-sign-in';

export const registerAction = validatedAction(registerSchema, (input, formData) =>
  completeSignIn((meta) => registerAccount(input, meta), formData),
);
