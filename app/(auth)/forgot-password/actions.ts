'use server';

import { headers } from 'next/headers';
import { validatedAction } from '@/lib/actions/validated';
import { RECOVERY_ACCEPTED_MESSAGE, recoverySchema, requestPasswordReset } from '@/lib/auth';
import { requestMeta } from '@/lib/http/request-meta';

export const forgotPasswordAction = validatedAction(recoverySchema, async (input) => {
  await requestPasswordReset(input, requestMeta(await headers()));
  return { ok: true, message: RECOVERY_ACCEPTED_MESSAGE };
});
