'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions/validated';
import {
  changeUserRole,
  disableUserAccount,
  enableUserAccount,
  roleChangeSchema,
} from '@/lib/admin';
import { saved } from './saved';

export const changeRoleAction = validatedAction(
  z.object({ id: z.string() }).extend(roleChangeSchema.shape),
  async ({ id, role }, _formData, { actor }) => {
    await changeUserRole(actor, id, role);
    return saved(role === 'admin' ? 'This user is now an admin.' : 'This user is now a customer.');
  },
  { auth: 'admin' },
);

export const setUserStatusAction = validatedAction(
  z.object({ id: z.string(), status: z.enum(['active', 'disabled']) }),
  async ({ id, status }, _formData, { actor }) => {
    await (status === 'disabled' ? disableUserAccount(actor, id) : enableUserAccount(actor, id));
    return saved(
      status === 'disabled'
        ? 'Disabled and signed out everywhere.'
        : 'Enabled: they can sign in again.',
    );
  },
  { auth: 'admin' },
);
