'use client';

import { Laptop } from 'lucide-react';
import { useActionState } from 'react';
import { useEndingSession } from '@/components/layout/use-session';
import { Badge } from '@/components/ui/badge';
import type { SessionInfo } from '@/lib/auth/types';
import { FormStatus } from './form-status';
import { SubmitButton } from './submit-button';
import { initialFormState, type FormAction } from './types';

type SessionsListProps = {
  sessions: SessionInfo[];
  revokeAction: FormAction;
  signOutEverywhereAction: FormAction;
};

const when = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** Every live session of the account, each with its own sign-out, and one to end them all. */
export function SessionsList({
  sessions,
  revokeAction,
  signOutEverywhereAction,
}: SessionsListProps) {
  // The header forgets the user as the action's redirect arrives, not at the next reload.
  const [everywhere, everywhereAction, everywherePending] = useActionState(
    useEndingSession(signOutEverywhereAction),
    initialFormState,
  );
  return (
    <div className="grid gap-4">
      <ul className="grid gap-3" aria-label="Active sessions">
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} revokeAction={revokeAction} />
        ))}
      </ul>
      <form action={everywhereAction} className="grid gap-2">
        <FormStatus state={everywhere} />
        <div>
          <SubmitButton
            pending={everywherePending}
            pendingLabel="Signing out everywhere…"
            variant="destructive"
          >
            Sign out everywhere
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}

function SessionRow({ session, revokeAction }: { session: SessionInfo; revokeAction: FormAction }) {
  // Signing out this device redirects to the login page: the header must follow at once.
  const [state, action, pending] = useActionState(useEndingSession(revokeAction), initialFormState);
  const labelId = `session-${session.id}`;
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 rounded-md border p-3"
      aria-labelledby={labelId}
    >
      <div className="flex items-start gap-3">
        <Laptop className="mt-0.5 size-5 text-muted-foreground" aria-hidden="true" />
        <div className="grid gap-0.5 text-sm">
          <p id={labelId} className="flex items-center gap-2 font-medium">
            {session.device}
            {session.current ? <Badge variant="success">This device</Badge> : null}
          </p>
          <p className="text-muted-foreground">
            IP {session.ip ?? 'unknown'} · last active{' '}
            <time dateTime={session.lastSeenAt}>
              {when.format(new Date(session.lastSeenAt))} UTC
            </time>
          </p>
          <p className="text-muted-foreground">
            Signed in{' '}
            <time dateTime={session.createdAt}>{when.format(new Date(session.createdAt))} UTC</time>
          </p>
        </div>
      </div>
      <form action={action} className="grid gap-1">
        <input type="hidden" name="sessionId" value={session.id} />
        <SubmitButton
          pending={pending}
          pendingLabel="Signing out…"
          variant="outline"
          size="sm"
          aria-describedby={labelId}
        >
          {session.current ? 'Sign out this device' : 'Sign out'}
        </SubmitButton>
        {state.message && !state.ok ? <FormStatus state={state} /> : null}
      </form>
    </li>
  );
}
