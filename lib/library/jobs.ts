import 'server-only';
import type { DomainJobHandlers } from '@/lib/jobs';
import { sendGiftMail } from './gifts';

/** Registered by lib/server/jobs.ts. */
export const libraryJobHandlers = {
  'mail.gift': ({ giftId }) => sendGiftMail(giftId),
} satisfies DomainJobHandlers;
